package dev.signet.domain.trust;

import dev.signet.domain.Require;
import dev.signet.domain.organization.OrganizationId;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Why an organization trusts a key: the chain of organizations from the verifying one down to the one
 * that holds the trusted key. A direct trust has a chain of one.
 */
public record TrustPath(List<OrganizationId> organizations, TrustedKey trustedKey) {
    public TrustPath {
        organizations = List.copyOf(Require.present(organizations, "organizations"));
        Require.present(trustedKey, "trusted key");
        if (organizations.isEmpty()) {
            throw new IllegalArgumentException("a trust path starts at the verifying organization");
        }
        if (!organizations.get(organizations.size() - 1).equals(trustedKey.organizationId())) {
            throw new IllegalArgumentException("a trust path ends at the organization that trusts the key");
        }
    }

    public boolean isDirect() {
        return organizations.size() == 1;
    }

    /** e.g. {@code org-a -> org-b -> key 21fe31df...}. */
    public String describe() {
        return organizations.stream().map(OrganizationId::toString).collect(Collectors.joining(" -> "))
                + " -> key " + trustedKey.fingerprint().hex();
    }
}
