package dev.signet.adapters.persistence.db.mapper;

import java.time.Instant;

/** One row of {@code audit_events}, as stored. */
public record AuditEventRow(
        long position,
        String eventType,
        Instant occurredAt,
        String payload,
        String previousHash,
        String hash) {
}
