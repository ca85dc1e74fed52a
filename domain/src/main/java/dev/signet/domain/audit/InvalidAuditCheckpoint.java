package dev.signet.domain.audit;

import dev.signet.domain.SignetException;

/** A checkpoint that does not hold: its signature does not verify against the audit key it names or is given. */
public final class InvalidAuditCheckpoint extends SignetException {
    public InvalidAuditCheckpoint(long position, String reason) {
        super("the checkpoint of record " + position + " is not valid: " + reason);
    }
}
