package dev.signet.application.port.out;

import dev.signet.domain.signature.PackageSignature;
import java.nio.file.Path;

/** Detached {@code .sig} files in Cloacina's version 1 JSON format (compat.md). */
public interface DetachedSignatureFiles {
    /**
     * @throws dev.signet.domain.verification.SignatureNotFound when there is no such file
     * @throws dev.signet.domain.verification.MalformedSignature when it is not a valid version 1 file
     */
    PackageSignature read(Path signatureFile);

    /**
     * Writes atomically: a reader sees the old file or the whole new one, never a part.
     *
     * @throws SignatureFileNotWritten when the file cannot be written; nothing partial is left behind
     */
    void write(Path signatureFile, PackageSignature signature);

    /** The exact bytes {@link #write} puts in the file. */
    byte[] encode(PackageSignature signature);
}
