package dev.signet.application.service;

import dev.signet.application.port.in.OperationalStatus;
import dev.signet.application.port.in.ReadinessUseCase;
import dev.signet.application.port.out.HsmHealth;
import dev.signet.application.port.out.OrganizationRepository;
import dev.signet.application.port.out.Transactions;
import dev.signet.domain.organization.OrganizationId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Ready when a read of the database answers (one round trip, through the same pool and retry as requests) and,
 * with an HSM configured, the token answers too: a node that cannot reach its token would refuse every HSM
 * signing, so the load balancer should send the work elsewhere.
 */
public final class ReadinessService implements ReadinessUseCase {
    private final OrganizationRepository organizations;
    private final Transactions transactions;
    private final SignatureCounts signatures;
    private final LongSupplier auditQueueDepth;
    private final Optional<HsmHealth> hsm;

    public ReadinessService(OrganizationRepository organizations, Transactions transactions) {
        this(organizations, transactions, new SignatureCounts(), () -> 0, Optional.empty());
    }

    /**
     * @param auditQueueDepth the records waiting for the audit trail's group commit
     * @param hsm the configured token's health, when there is one
     */
    public ReadinessService(OrganizationRepository organizations, Transactions transactions,
            SignatureCounts signatures, LongSupplier auditQueueDepth, Optional<HsmHealth> hsm) {
        this.organizations = organizations;
        this.transactions = transactions;
        this.signatures = signatures;
        this.auditQueueDepth = auditQueueDepth;
        this.hsm = hsm;
    }

    @Override
    public OperationalStatus status() {
        return new OperationalStatus(signatures.byBackend(), auditQueueDepth.getAsLong(), hsm.map(health -> {
            HsmHealth.SessionUse use = health.sessionUse();
            return new OperationalStatus.HsmSessions(use.sessions(), use.inUse());
        }));
    }

    @Override
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        try {
            transactions.inTransaction(() -> organizations.findById(OrganizationId.random()));
        } catch (RuntimeException e) {
            problems.add("database: " + e.getClass().getSimpleName());
        }
        hsm.ifPresent(health -> {
            try {
                health.problem().ifPresent(problem -> problems.add("hsm: " + problem));
            } catch (RuntimeException e) {
                problems.add("hsm: " + e.getClass().getSimpleName());
            }
        });
        return List.copyOf(problems);
    }
}
