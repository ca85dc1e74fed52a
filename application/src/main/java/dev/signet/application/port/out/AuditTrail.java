package dev.signet.application.port.out;

import dev.signet.domain.audit.AuditEvent;

/** Where audit events go: the structured log for the SIEM and, with a database, a durable chain. */
public interface AuditTrail {
    void record(AuditEvent event);
}
