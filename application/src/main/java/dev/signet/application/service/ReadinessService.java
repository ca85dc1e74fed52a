package dev.signet.application.service;

import dev.signet.application.port.in.OperationalStatus;
import dev.signet.application.port.in.ReadinessUseCase;
import dev.signet.application.port.out.OrganizationRepository;
import dev.signet.application.port.out.Transactions;
import dev.signet.domain.organization.OrganizationId;
import java.util.List;
import java.util.function.LongSupplier;

/** Ready when a read of the database answers (one round trip, through the same pool and retry as requests). */
public final class ReadinessService implements ReadinessUseCase {
    private final OrganizationRepository organizations;
    private final Transactions transactions;

    private final SignatureCounts signatures;
    private final LongSupplier auditQueueDepth;

    public ReadinessService(OrganizationRepository organizations, Transactions transactions) {
        this(organizations, transactions, new SignatureCounts(), () -> 0);
    }

    /** @param auditQueueDepth the records waiting for the audit trail's group commit */
    public ReadinessService(OrganizationRepository organizations, Transactions transactions,
            SignatureCounts signatures, LongSupplier auditQueueDepth) {
        this.organizations = organizations;
        this.transactions = transactions;
        this.signatures = signatures;
        this.auditQueueDepth = auditQueueDepth;
    }

    @Override
    public OperationalStatus status() {
        return new OperationalStatus(signatures.byBackend(), auditQueueDepth.getAsLong());
    }

    @Override
    public List<String> problems() {
        try {
            transactions.inTransaction(() -> organizations.findById(OrganizationId.random()));
            return List.of();
        } catch (RuntimeException e) {
            return List.of("database: " + e.getClass().getSimpleName());
        }
    }
}
