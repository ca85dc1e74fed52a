package dev.signet.application.port.out;

import dev.signet.domain.SignetException;

/**
 * An audit record could not be made durable: the durable trail has fallen too far behind (the database is
 * away), the database refuses the record, or the chain cannot be appended to. The operation it describes is
 * refused rather than left unrecorded.
 */
public final class AuditUnavailable extends SignetException {
    public AuditUnavailable(String message) {
        super(message);
    }

    public AuditUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
