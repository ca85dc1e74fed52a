package dev.signet.application.service;

import dev.signet.application.port.out.AuditLog;
import dev.signet.application.port.out.AuditTrail;
import dev.signet.domain.audit.AuditEvent;
import java.time.Clock;

/**
 * Every event goes to the durable chain first, in the caller's transaction, so a change and its record
 * commit together and an event that cannot be made durable fails the operation; then to the stream
 * (the SIEM's JSON log).
 */
public final class DurableAuditTrail implements AuditTrail {
    private final AuditLog log;
    private final AuditTrail stream;
    private final Clock clock;

    public DurableAuditTrail(AuditLog log, AuditTrail stream, Clock clock) {
        this.log = log;
        this.stream = stream;
        this.clock = clock;
    }

    @Override
    public void record(AuditEvent event) {
        log.append(event, clock.instant());
        stream.record(event);
    }
}
