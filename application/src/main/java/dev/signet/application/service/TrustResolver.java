package dev.signet.application.service;

import dev.signet.application.port.out.TrustAclRepository;
import dev.signet.application.port.out.TrustedKeyRepository;
import dev.signet.domain.organization.OrganizationId;
import dev.signet.domain.trust.TrustAcl;
import dev.signet.domain.trust.TrustRule;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Loads what the trust rule needs for one organization from the database, fresh each time, so that a
 * revocation made by any process counts at once: the active grants, then the active trusted keys and the
 * denies (revoked keys not trusted again) of every organization those grants reach.
 */
final class TrustResolver {
    private final TrustedKeyRepository trustedKeys;
    private final TrustAclRepository acls;

    TrustResolver(TrustedKeyRepository trustedKeys, TrustAclRepository acls) {
        this.trustedKeys = trustedKeys;
        this.acls = acls;
    }

    /** Call inside a transaction, so grants and keys come from one consistent view. */
    TrustRule ruleFor(OrganizationId organization) {
        List<TrustAcl> active = acls.listActive();
        return new TrustRule(trustedKeys.listActiveAndDeniedByOrganizations(reachableFrom(organization, active)), active);
    }

    /** The organization and every one its active grants reach (whose TSA trust it inherits, as keys). Call inside a transaction. */
    Set<OrganizationId> reachableFrom(OrganizationId organization) {
        return reachableFrom(organization, acls.listActive());
    }

    private static Set<OrganizationId> reachableFrom(OrganizationId organization, List<TrustAcl> active) {
        Map<OrganizationId, List<OrganizationId>> children = active.stream()
                .collect(Collectors.groupingBy(TrustAcl::parent, Collectors.mapping(TrustAcl::child, Collectors.toList())));
        Set<OrganizationId> reached = new HashSet<>();
        Deque<OrganizationId> pending = new ArrayDeque<>(List.of(organization));
        while (!pending.isEmpty()) {
            OrganizationId current = pending.removeFirst();
            if (reached.add(current)) {
                pending.addAll(children.getOrDefault(current, List.of()));
            }
        }
        return reached;
    }
}
