package dev.signet.application.service;

import dev.signet.application.port.in.ReadinessUseCase;
import dev.signet.application.port.out.OrganizationRepository;
import dev.signet.application.port.out.Transactions;
import dev.signet.domain.organization.OrganizationId;
import java.util.List;

/** Ready when a read of the database answers (one round trip, through the same pool and retry as requests). */
public final class ReadinessService implements ReadinessUseCase {
    private final OrganizationRepository organizations;
    private final Transactions transactions;

    public ReadinessService(OrganizationRepository organizations, Transactions transactions) {
        this.organizations = organizations;
        this.transactions = transactions;
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
