package dev.signet.application.service;

import dev.signet.application.port.in.AuditUseCase;
import dev.signet.application.port.out.AuditLog;
import dev.signet.application.port.out.Transactions;
import dev.signet.domain.audit.AuditChainCheck;
import dev.signet.domain.audit.AuditChainVerdict;
import dev.signet.domain.audit.AuditRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Reads the durable chain. Records this process deferred (see {@link DeferredAuditWriter}) are written before
 * it reads, so a caller sees everything it did.
 */
public final class AuditService implements AuditUseCase {
    private static final Duration FLUSH_WAIT = Duration.ofSeconds(30);

    private final AuditLog log;
    private final DeferredAuditWriter deferred;
    private final Transactions transactions;

    public AuditService(AuditLog log, DeferredAuditWriter deferred, Transactions transactions) {
        this.log = log;
        this.deferred = deferred;
        this.transactions = transactions;
    }

    @Override
    public List<AuditRecord> list(Optional<String> eventType, Optional<Instant> since) {
        deferred.flush(FLUSH_WAIT);
        return transactions.inTransaction(() -> log.list(eventType, since));
    }

    @Override
    public List<AuditRecord> page(long after, int limit) {
        deferred.flush(FLUSH_WAIT);
        return transactions.inTransaction(() -> log.page(after, limit));
    }

    @Override
    public AuditChainVerdict verify() {
        deferred.flush(FLUSH_WAIT);
        return transactions.inTransaction(() -> {
            // the head first: records appended while we read are past it and are left for the next check
            AuditLog.Head head = log.head();
            AuditChainCheck check = new AuditChainCheck();
            log.forEachRecord(record -> record.position() <= head.position() && check.accept(record));
            return check.verdict(head.position(), head.hash());
        });
    }
}
