package dev.signet.application.service;

import dev.signet.application.port.in.ManageOrganizationsUseCase;
import dev.signet.application.port.out.AuditTrail;
import dev.signet.application.port.out.OrganizationRepository;
import dev.signet.application.port.out.Transactions;
import dev.signet.domain.NotFound;
import dev.signet.domain.audit.AuditEvent;
import dev.signet.domain.organization.Organization;
import dev.signet.domain.organization.OrganizationId;
import dev.signet.domain.organization.OrganizationName;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

public final class OrganizationService implements ManageOrganizationsUseCase {
    private final OrganizationRepository organizations;
    private final Transactions transactions;
    private final AuditTrail audit;
    private final Clock clock;

    public OrganizationService(OrganizationRepository organizations, Transactions transactions, AuditTrail audit,
            Clock clock) {
        this.organizations = organizations;
        this.transactions = transactions;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public Organization create(OrganizationName name) {
        Organization organization = new Organization(OrganizationId.random(), name, Timestamps.now(clock));
        transactions.run(() -> {
            organizations.add(organization);
            audit.record(new AuditEvent.OrganizationCreated(organization.id(), name.value()));
        });
        return organization;
    }

    @Override
    public List<Organization> list() {
        return transactions.inTransaction(organizations::list);
    }

    @Override
    public Organization resolve(String idOrName) {
        return transactions.inTransaction(() -> lookUp(idOrName))
                .orElseThrow(() -> new NotFound("no organization with id or name '" + idOrName + "'"));
    }

    /** Text that is an id is only ever an id: no name is one (OrganizationName), and no name is tried for it. */
    private Optional<Organization> lookUp(String idOrName) {
        return OrganizationId.isWritten(idOrName) ? organizations.findById(OrganizationId.parse(idOrName))
                : organizations.findByName(new OrganizationName(idOrName));
    }

    /** For the other services: the organization must exist. */
    static void requireExists(OrganizationRepository organizations, OrganizationId id) {
        if (organizations.findById(id).isEmpty()) {
            throw new NotFound("organization " + id + " does not exist");
        }
    }
}
