package dev.signet.application.port.out;

import dev.signet.domain.organization.OrganizationId;
import dev.signet.domain.revocation.Revocation;
import dev.signet.domain.trust.TrustedKey;
import dev.signet.domain.trust.TrustedKeyId;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

public interface TrustedKeyRepository {
    /** @throws dev.signet.domain.Conflict when the organization already actively trusts that fingerprint */
    void add(TrustedKey key);

    Optional<TrustedKey> findById(TrustedKeyId id);

    /** Revoked keys included, oldest first. */
    List<TrustedKey> listByOrganization(OrganizationId organization);

    /**
     * The rows that decide the trust of the given organizations: every active trusted key, and every revoked
     * row of a fingerprint its organization has not trusted again (a deny, see {@code TrustDeny}), oldest first.
     */
    List<TrustedKey> listActiveAndDeniedByOrganizations(Collection<OrganizationId> organizations);

    /** @return false when the key does not exist or was already revoked */
    boolean markRevoked(TrustedKeyId id, Revocation revocation);

    /** Revoked as compromised from {@code revokedAt} on. */
    default boolean markRevoked(TrustedKeyId id, Instant revokedAt) {
        return markRevoked(id, Revocation.compromised(revokedAt, revokedAt));
    }

    /**
     * Replaces the revoked key's revocation {@code current} by {@code wider}, only while it is still {@code current}.
     *
     * @return false when the key does not exist, is active, or its revocation is no longer {@code current}
     */
    boolean widenRevocation(TrustedKeyId id, Revocation current, Revocation wider);
}
