package dev.signet.application.port.out;

import dev.signet.domain.organization.OrganizationId;
import dev.signet.domain.trust.TrustAcl;
import java.time.Instant;
import java.util.List;

public interface TrustAclRepository {
    /** @throws dev.signet.domain.Conflict when an active grant from parent to child exists */
    void add(TrustAcl acl);

    /** Grants where the organization is parent or child, revoked ones included, oldest first. */
    List<TrustAcl> listByOrganization(OrganizationId organization);

    /** Every active grant. */
    List<TrustAcl> listActive();

    /** @return false when there is no active grant from parent to child */
    boolean markRevoked(OrganizationId parent, OrganizationId child, Instant revokedAt);
}
