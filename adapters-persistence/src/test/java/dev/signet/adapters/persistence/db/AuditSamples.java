package dev.signet.adapters.persistence.db;

import dev.signet.application.service.AuditService;
import dev.signet.application.service.DeferredAuditWriter;
import dev.signet.domain.audit.AuditChainVerdict;
import dev.signet.domain.audit.Actor;
import dev.signet.domain.audit.AuditEvent;
import dev.signet.domain.audit.AuditOrigin;
import dev.signet.domain.audit.AuditRecord;
import dev.signet.domain.organization.OrganizationId;
import dev.signet.application.port.out.AuditLog;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Audit events for the database tests, and the application's own check of the chain. */
final class AuditSamples {
    private AuditSamples() {
    }

    /** Who the sample events are recorded as caused by. */
    static final AuditOrigin ORIGIN = new AuditOrigin(new Actor("token", "tok_sample"), Optional.of("127.0.0.1"),
            Optional.of("req-1"));

    static AuditLog.Occurrence occurrence(AuditEvent event, Instant occurredAt) {
        return new AuditLog.Occurrence(event, occurredAt, ORIGIN);
    }

    static AuditEvent granted() {
        return new AuditEvent.TrustAclGranted(OrganizationId.random(), OrganizationId.random());
    }

    static AuditEvent revoked() {
        return new AuditEvent.TrustAclRevoked(OrganizationId.random(), OrganizationId.random());
    }

    /** {@code count} records, one second apart from {@link Samples#T0}. */
    static List<AuditRecord> appendGranted(Database database, int count) {
        List<AuditRecord> records = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            records.add(database.auditLog().append(AuditSamples.occurrence(granted(), Samples.at(i))));
        }
        return records;
    }

    /** What {@code signet audit verify} would say. */
    static AuditChainVerdict verify(Database database) {
        try (DeferredAuditWriter nothingDeferred = new DeferredAuditWriter(database.auditLog(), database.transactions())) {
            return new AuditService(database.auditLog(), nothingDeferred, database.transactions()).verify();
        }
    }

    /** Tampers with the tables behind the adapter's back, as someone with database access could. */
    static int tamper(TestDatabase db, String sql) throws SQLException {
        try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
            return statement.executeUpdate(sql);
        }
    }
}
