package dev.signet.domain.trust;

import dev.signet.domain.Require;
import dev.signet.domain.key.KeyFingerprint;
import dev.signet.domain.organization.OrganizationId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which keys an organization trusts: its own active trusted keys, plus, through every active ACL to a
 * child, everything that child trusts, recursively. Cycles end because each organization is visited
 * once; breadth-first order makes the reported path the shortest one. Revoked keys and grants do not
 * count. (Cloacina stops at one level; Signet follows grants transitively on purpose, see compat.md.)
 */
public final class TrustRule {
    private final Map<OrganizationId, List<TrustedKey>> keysByOrganization = new HashMap<>();
    private final Map<OrganizationId, List<OrganizationId>> childrenByParent = new HashMap<>();

    /** Builds the rule over a snapshot of trusted keys and grants; inactive ones are ignored. */
    public TrustRule(Collection<TrustedKey> trustedKeys, Collection<TrustAcl> acls) {
        for (TrustedKey key : Require.present(trustedKeys, "trusted keys")) {
            if (key.isActive()) {
                keysByOrganization.computeIfAbsent(key.organizationId(), org -> new ArrayList<>()).add(key);
            }
        }
        for (TrustAcl acl : Require.present(acls, "trust ACLs")) {
            if (acl.isActive()) {
                childrenByParent.computeIfAbsent(acl.parent(), org -> new ArrayList<>()).add(acl.child());
            }
        }
    }

    /** Every fingerprint {@code organization} trusts, each with the shortest path that explains it. */
    public Map<KeyFingerprint, TrustPath> effectiveTrust(OrganizationId organization) {
        Map<KeyFingerprint, TrustPath> trusted = new LinkedHashMap<>();
        Map<OrganizationId, List<OrganizationId>> pathTo = new LinkedHashMap<>();
        Deque<OrganizationId> queue = new ArrayDeque<>();
        pathTo.put(organization, List.of(organization));
        queue.add(organization);
        while (!queue.isEmpty()) {
            OrganizationId current = queue.removeFirst();
            List<OrganizationId> path = pathTo.get(current);
            for (TrustedKey key : keysByOrganization.getOrDefault(current, List.of())) {
                trusted.putIfAbsent(key.fingerprint(), new TrustPath(path, key));
            }
            for (OrganizationId child : childrenByParent.getOrDefault(current, List.of())) {
                if (!pathTo.containsKey(child)) {
                    List<OrganizationId> childPath = new ArrayList<>(path);
                    childPath.add(child);
                    pathTo.put(child, List.copyOf(childPath));
                    queue.addLast(child);
                }
            }
        }
        return trusted;
    }

    /** The path by which {@code organization} trusts {@code fingerprint}, or empty when it does not. */
    public Optional<TrustPath> explain(OrganizationId organization, KeyFingerprint fingerprint) {
        return Optional.ofNullable(effectiveTrust(organization).get(fingerprint));
    }

    public boolean trusts(OrganizationId organization, KeyFingerprint fingerprint) {
        return explain(organization, fingerprint).isPresent();
    }
}
