package dev.signet.domain.trust;

import dev.signet.domain.Require;
import dev.signet.domain.organization.OrganizationId;
import java.time.Instant;
import java.util.Optional;

/** A grant by which {@code parent} trusts every key that {@code child} trusts. */
public record TrustAcl(OrganizationId parent, OrganizationId child, Instant grantedAt, Optional<Instant> revokedAt) {
    public TrustAcl {
        Require.present(parent, "parent organization");
        Require.present(child, "child organization");
        if (parent.equals(child)) {
            throw new IllegalArgumentException("an organization cannot grant trust to itself");
        }
        Require.present(grantedAt, "grant time");
        Require.present(revokedAt, "revocation time");
        if (revokedAt.filter(at -> at.isBefore(grantedAt)).isPresent()) {
            throw new IllegalArgumentException("a grant cannot be revoked before it was made");
        }
    }

    public boolean isActive() {
        return revokedAt.isEmpty();
    }
}
