package dev.signet.application.port.out;

import dev.signet.domain.SignetException;
import java.nio.file.Path;

/** A detached signature file could not be written (folder missing or read-only, disk full, ...). */
public final class SignatureFileNotWritten extends SignetException {
    public SignatureFileNotWritten(Path signatureFile, String reason, Throwable cause) {
        super("cannot write signature file " + signatureFile + ": " + reason, cause);
    }
}
