package dev.signet.adapters.persistence.sigfile;

import dev.signet.application.port.out.DetachedSignatureFiles;
import dev.signet.application.port.out.SignatureFileNotReadable;
import dev.signet.application.port.out.SignatureFileNotWritten;
import dev.signet.domain.signature.PackageSignature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Detached {@code .sig} files in Cloacina's version 1 JSON format (compat.md, "Detached signature file").
 *
 * <p>Reading is strict: anything that is not exactly a version 1 file is {@code MalformedSignature} with a
 * one-line reason naming the field. Outcomes that are about the path rather than the content:
 * <ul>
 *   <li>no file there (or a parent of the path is not a folder): {@code SignatureNotFound("no PATH")};</li>
 *   <li>the path is not a regular file (a folder, FIFO, device or socket, following links):
 *       {@code MalformedSignature}, without opening it, since opening a FIFO blocks;</li>
 *   <li>the file exists but cannot be read (permission denied, I/O error): {@link SignatureFileNotReadable},
 *       an I/O error naming the file, never a verdict on the signature, and never passing as absent.</li>
 * </ul>
 *
 * <p>Writing is atomic (see {@link AtomicFileWriter}); every failure, including a signing time that RFC 3339
 * cannot express, is {@link SignatureFileNotWritten}.
 *
 * <p>Holds no state; one instance can serve any number of threads.
 */
public final class JsonDetachedSignatureFiles implements DetachedSignatureFiles {

    @Override
    public PackageSignature read(Path signatureFile) {
        return StrictSignatureParser.parse(SignatureFileBytes.read(signatureFile));
    }

    @Override
    public PackageSignature decode(byte[] signatureJson) {
        return StrictSignatureParser.parse(signatureJson.clone());
    }

    @Override
    public void checkTarget(Path signatureFile, Path packageFile) {
        try {
            AtomicFileWriter.refuseUnlessReplaceable(signatureFile);
            if (Files.exists(signatureFile) && Files.isSameFile(signatureFile, packageFile)) {
                // also through a symbolic or hard link: isSameFile compares the files, not the names
                throw new SignatureFileNotWritten(signatureFile, "it is the package being signed", null);
            }
        } catch (IOException e) {
            throw new SignatureFileNotWritten(signatureFile, Reasons.withoutPath(e), e);
        }
    }

    @Override
    public void write(Path signatureFile, PackageSignature signature) {
        byte[] bytes;
        try {
            bytes = encode(signature);
        } catch (IllegalArgumentException e) {
            throw new SignatureFileNotWritten(signatureFile, Reasons.oneLine(e.getMessage()), e);
        }
        try {
            AtomicFileWriter.write(signatureFile, bytes);
        } catch (IOException e) {
            throw new SignatureFileNotWritten(signatureFile, Reasons.oneLine(e.getMessage()), e);
        } catch (RuntimeException e) {
            // e.g. SecurityException or UnsupportedOperationException from an exotic file system
            throw new SignatureFileNotWritten(signatureFile, Reasons.of(e), e);
        }
    }

    /**
     * @throws IllegalArgumentException when signed_at lies outside the years 0000-9999 (UTC), which no valid
     *     file can hold; such an instant can only come from a broken clock
     */
    @Override
    public byte[] encode(PackageSignature signature) {
        return PrettySignatureJson.encode(signature);
    }
}
