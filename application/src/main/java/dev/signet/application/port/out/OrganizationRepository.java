package dev.signet.application.port.out;

import dev.signet.domain.organization.Organization;
import dev.signet.domain.organization.OrganizationId;
import dev.signet.domain.organization.OrganizationName;
import java.util.List;
import java.util.Optional;

public interface OrganizationRepository {
    /** @throws dev.signet.domain.Conflict when the name is taken */
    void add(Organization organization);

    Optional<Organization> findById(OrganizationId id);

    Optional<Organization> findByName(OrganizationName name);

    /** Ordered by name. */
    List<Organization> list();
}
