package dev.signet.domain.organization;

import dev.signet.domain.Require;
import java.time.Instant;

/** A tenant that owns signing keys, trusts public keys and may trust what its child organizations trust. */
public record Organization(OrganizationId id, OrganizationName name, Instant createdAt) {
    public Organization {
        Require.present(id, "organization id");
        Require.present(name, "organization name");
        Require.present(createdAt, "organization creation time");
    }
}
