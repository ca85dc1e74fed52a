package dev.signet.application.service;

import dev.signet.application.port.in.AuditUseCase;
import dev.signet.application.port.out.AuditLog;
import dev.signet.application.port.out.Transactions;
import dev.signet.domain.audit.AuditChainCheck;
import dev.signet.domain.audit.AuditChainVerdict;
import dev.signet.domain.audit.AuditRecord;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

public final class AuditService implements AuditUseCase {
    private final AuditLog log;
    private final Transactions transactions;

    public AuditService(AuditLog log, Transactions transactions) {
        this.log = log;
        this.transactions = transactions;
    }

    @Override
    public List<AuditRecord> list(Optional<String> eventType, Optional<Instant> since) {
        return transactions.inTransaction(() -> log.list(eventType, since));
    }

    @Override
    public AuditChainVerdict verify() {
        return transactions.inTransaction(() -> {
            // the head first: records appended while we read are past it and are left for the next check
            AuditLog.Head head = log.head();
            AuditChainCheck check = new AuditChainCheck();
            log.forEachRecord(record -> record.position() <= head.position() && check.accept(record));
            return check.verdict(head.position(), head.hash());
        });
    }
}
