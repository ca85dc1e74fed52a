package dev.signet.domain.principal;

import dev.signet.domain.Require;
import dev.signet.domain.audit.Actor;
import dev.signet.domain.key.KeyId;
import dev.signet.domain.organization.OrganizationId;
import java.util.Set;

/**
 * An authenticated caller of the service: who (kind and a stable id, never a credential), in which
 * organization, with which role, and, for a signer, which keys ({@code keyScope} empty: every key of the
 * organization).
 */
public record Principal(PrincipalKind kind, String id, OrganizationId organization, Role role, Set<KeyId> keyScope) {

    public Principal {
        Require.present(kind, "principal kind");
        Require.present(id, "principal id");
        if (id.isBlank()) {
            throw new IllegalArgumentException("principal id is blank");
        }
        Require.present(organization, "principal's organization");
        Require.present(role, "role");
        keyScope = Set.copyOf(Require.present(keyScope, "key scope"));
    }

    /** Whether this principal may sign with {@code key}, which belongs to {@code keyOrganization}. */
    public boolean maySignWith(OrganizationId keyOrganization, KeyId key) {
        return role == Role.SIGNER && organization.equals(keyOrganization)
                && (keyScope.isEmpty() || keyScope.contains(key));
    }

    /** How audit records name this principal. */
    public Actor actor() {
        return new Actor(kind.wireName(), id);
    }
}
