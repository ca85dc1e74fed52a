package dev.signet.application.port.out;

import dev.signet.domain.SignetException;
import java.nio.file.Path;

/** A checkpoint file could not be written (folder missing or read-only, disk full, ...). */
public final class AuditCheckpointFileNotWritten extends SignetException {
    public AuditCheckpointFileNotWritten(Path file, String reason, Throwable cause) {
        super("cannot write checkpoint file " + file + ": " + reason, cause);
    }
}
