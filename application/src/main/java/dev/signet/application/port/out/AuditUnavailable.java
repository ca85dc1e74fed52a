package dev.signet.application.port.out;

import dev.signet.domain.SignetException;

/**
 * An audit record could not be taken in: the durable trail has fallen too far behind (the database is away).
 * The operation it describes is refused rather than left unrecorded.
 */
public final class AuditUnavailable extends SignetException {
    public AuditUnavailable(String message) {
        super(message);
    }
}
