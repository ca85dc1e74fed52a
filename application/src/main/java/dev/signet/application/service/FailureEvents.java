package dev.signet.application.service;

import dev.signet.application.port.out.AuditTrail;
import dev.signet.domain.audit.AuditEvent;

/**
 * Records the event of a failed operation without hiding the failure. When the database is what failed, the
 * event usually cannot be recorded either; the caller must still see why the operation failed (e.g. that a
 * commit's outcome is unknown), not that the event could not be written, which is attached as suppressed.
 */
final class FailureEvents {
    private FailureEvents() {
    }

    static void record(AuditTrail audit, AuditEvent event, RuntimeException failure) {
        try {
            audit.record(event);
        } catch (RuntimeException auditFailure) {
            failure.addSuppressed(auditFailure);
        }
    }
}
