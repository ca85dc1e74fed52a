package dev.signet.application.port.in;

import dev.signet.domain.organization.Organization;
import dev.signet.domain.organization.OrganizationName;
import java.util.List;

public interface ManageOrganizationsUseCase {
    /** @throws dev.signet.domain.Conflict when the name is taken */
    Organization create(OrganizationName name);

    List<Organization> list();

    /**
     * Finds an organization by its UUID or its unique name, as CLI arguments name them. Text that is a UUID
     * (8-4-4-4-12 hex digits) is only ever read as an id: no organization is named with one.
     *
     * @throws dev.signet.domain.NotFound when there is none
     */
    Organization resolve(String idOrName);
}
