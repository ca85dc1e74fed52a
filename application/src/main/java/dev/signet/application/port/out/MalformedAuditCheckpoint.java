package dev.signet.application.port.out;

import dev.signet.domain.SignetException;
import java.nio.file.Path;

/** A checkpoint file that cannot be read, or is not one version 1 checkpoint; the reason names the field. */
public final class MalformedAuditCheckpoint extends SignetException {
    public MalformedAuditCheckpoint(Path file, String reason) {
        super("checkpoint file " + file + ": " + reason);
    }
}
