package dev.signet.application.port.out;

import dev.signet.domain.signature.PackageSignature;
import java.nio.file.Path;

/** Detached {@code .sig} files in Cloacina's version 1 JSON format (compat.md). */
public interface DetachedSignatureFiles {
    /**
     * @throws dev.signet.domain.verification.SignatureNotFound when there is no such file
     * @throws dev.signet.domain.verification.MalformedSignature when it is not a valid version 1 file, or not a
     *     regular file at all (a FIFO or folder is never opened)
     * @throws SignatureFileNotReadable when it is there but cannot be read (permission denied, I/O error)
     */
    PackageSignature read(Path signatureFile);

    /**
     * Refuses, before anything is computed or written, a signature file that would destroy data: the package
     * being signed (also through a symbolic or hard link), or an existing path that is not a regular file (a
     * device, FIFO, socket or folder).
     *
     * @throws SignatureFileNotWritten naming the file and why
     */
    void checkTarget(Path signatureFile, Path packageFile);

    /**
     * Writes atomically: a reader sees the old file or the whole new one, never a part.
     *
     * @throws SignatureFileNotWritten when the file cannot be written; nothing partial is left behind
     */
    void write(Path signatureFile, PackageSignature signature);

    /**
     * Reads a signature that came over the network rather than from a file, as strictly as {@link #read}.
     *
     * @throws dev.signet.domain.verification.MalformedSignature when it is not a valid version 1 signature
     */
    PackageSignature decode(byte[] signatureJson);

    /** The exact bytes {@link #write} puts in the file. */
    byte[] encode(PackageSignature signature);
}
