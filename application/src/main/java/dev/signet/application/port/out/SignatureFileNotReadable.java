package dev.signet.application.port.out;

import dev.signet.domain.SignetException;
import java.nio.file.Path;

/**
 * A detached signature file that is there but cannot be read (permission denied, I/O error): an I/O failure
 * about the file, not a verdict on a signature, so neither MalformedSignature nor SignatureNotFound.
 */
public final class SignatureFileNotReadable extends SignetException {
    public SignatureFileNotReadable(Path signatureFile, String reason, Throwable cause) {
        super("cannot read signature file " + signatureFile + ": " + reason, cause);
    }
}
