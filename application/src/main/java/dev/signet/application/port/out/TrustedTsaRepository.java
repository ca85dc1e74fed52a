package dev.signet.application.port.out;

import dev.signet.domain.organization.OrganizationId;
import dev.signet.domain.time.TrustedTsa;
import dev.signet.domain.time.TrustedTsaId;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** The TSA certificates organizations trust for timestamps (issue 14). */
public interface TrustedTsaRepository {
    void add(TrustedTsa tsa);

    Optional<TrustedTsa> findById(TrustedTsaId id);

    /** Revoked ones included, oldest first. */
    List<TrustedTsa> listByOrganization(OrganizationId organization);

    /** The active ones of the given organizations, oldest first. */
    List<TrustedTsa> listActiveByOrganizations(Collection<OrganizationId> organizations);

    /** @return false when it does not exist or was already revoked */
    boolean markRevoked(TrustedTsaId id, Instant revokedAt);
}
