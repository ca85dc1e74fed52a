package dev.signet.domain.trust;

import dev.signet.domain.Require;
import dev.signet.domain.key.KeyFingerprint;
import dev.signet.domain.organization.OrganizationId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which keys an organization trusts: its own active trusted keys, plus, through every active ACL to a
 * child, everything that child trusts, recursively. Cycles end because each organization is visited
 * once; breadth-first order makes the reported path the shortest one. Revoked grants do not count.
 * (Cloacina stops at one level; Signet follows grants transitively on purpose, see compat.md.)
 *
 * <p><b>Deny wins.</b> An organization that revoked its trusted key for a fingerprint and has no active row for
 * it again denies that fingerprint ({@link TrustDeny}): a path to the key counts only if no organization on it
 * denies the key. So the denier trusts the key along no path at all, a parent reaching the key only through
 * deniers does not trust it, and a parent with another path, one that passes through no denier, still does
 * (that path owes nothing to the denier). A deny binds the denier and whoever trusts through it, never the
 * children it grants: a child's own trust does not flow through its parent.
 */
public final class TrustRule {
    private final Map<OrganizationId, List<TrustedKey>> keysByOrganization = new HashMap<>();
    private final Map<KeyFingerprint, Map<OrganizationId, TrustDeny>> deniesByFingerprint = new HashMap<>();
    private final Map<OrganizationId, List<OrganizationId>> childrenByParent = new HashMap<>();

    /**
     * Builds the rule over a snapshot of trusted keys (revoked rows included: they are the denies) and grants;
     * revoked grants are ignored.
     */
    public TrustRule(Collection<TrustedKey> trustedKeys, Collection<TrustAcl> acls) {
        Map<OrganizationId, Map<KeyFingerprint, TrustedKey>> latestRevoked = new HashMap<>();
        for (TrustedKey key : Require.present(trustedKeys, "trusted keys")) {
            if (key.isActive()) {
                keysByOrganization.computeIfAbsent(key.organizationId(), org -> new ArrayList<>()).add(key);
            } else {
                latestRevoked.computeIfAbsent(key.organizationId(), org -> new HashMap<>())
                        .merge(key.fingerprint(), key, TrustRule::laterRevocation);
            }
        }
        latestRevoked.forEach((organization, revoked) -> revoked.forEach((fingerprint, key) -> {
            if (!holds(organization, fingerprint)) {
                deniesByFingerprint.computeIfAbsent(fingerprint, f -> new HashMap<>())
                        .put(organization, new TrustDeny(key));
            }
        }));
        for (TrustAcl acl : Require.present(acls, "trust ACLs")) {
            if (acl.isActive()) {
                childrenByParent.computeIfAbsent(acl.parent(), org -> new ArrayList<>()).add(acl.child());
            }
        }
    }

    /** Every fingerprint {@code organization} trusts, each with the shortest path that explains it. */
    public Map<KeyFingerprint, TrustPath> effectiveTrust(OrganizationId organization) {
        Map<KeyFingerprint, TrustPath> trusted = new LinkedHashMap<>();
        Map<OrganizationId, List<OrganizationId>> reached = shortestPaths(organization, Set.of());
        Set<KeyFingerprint> deniedOnTheWay = new HashSet<>();
        reached.forEach((current, path) -> {
            for (TrustedKey key : keysByOrganization.getOrDefault(current, List.of())) {
                if (deniedAnywhereIn(key.fingerprint(), reached.keySet())) {
                    deniedOnTheWay.add(key.fingerprint()); // its paths must avoid the deniers: searched below
                } else {
                    trusted.putIfAbsent(key.fingerprint(), new TrustPath(path, key));
                }
            }
        });
        for (KeyFingerprint fingerprint : deniedOnTheWay) {
            shortestPathAvoidingDenies(organization, fingerprint).ifPresent(path -> trusted.put(fingerprint, path));
        }
        return trusted;
    }

    /** The path by which {@code organization} trusts {@code fingerprint}, or empty when it does not. */
    public Optional<TrustPath> explain(OrganizationId organization, KeyFingerprint fingerprint) {
        return shortestPathAvoidingDenies(organization, fingerprint);
    }

    /** Why {@code organization} trusts {@code fingerprint}, or why not: for lack of any path, or for denies. */
    public TrustExplanation explanation(OrganizationId organization, KeyFingerprint fingerprint) {
        Optional<TrustPath> path = shortestPathAvoidingDenies(organization, fingerprint);
        if (path.isPresent()) {
            return new TrustExplanation.Trusted(path.get());
        }
        Optional<TrustPath> blocked = shortestPath(organization, fingerprint, Set.of());
        if (blocked.isEmpty()) {
            return new TrustExplanation.NotTrusted();
        }
        List<TrustDeny> inTheWay = new ArrayList<>();
        Map<OrganizationId, TrustDeny> denies = deniesByFingerprint.getOrDefault(fingerprint, Map.of());
        for (OrganizationId reached : shortestPaths(organization, Set.of()).keySet()) {
            TrustDeny deny = denies.get(reached);
            if (deny != null && shortestPath(reached, fingerprint, Set.of()).isPresent()) {
                inTheWay.add(deny); // reachable from the organization, and itself reaches the key: on a path
            }
        }
        return new TrustExplanation.Denied(blocked.get(), inTheWay);
    }

    public boolean trusts(OrganizationId organization, KeyFingerprint fingerprint) {
        return explain(organization, fingerprint).isPresent();
    }

    private Optional<TrustPath> shortestPathAvoidingDenies(OrganizationId organization, KeyFingerprint fingerprint) {
        return shortestPath(organization, fingerprint,
                deniesByFingerprint.getOrDefault(fingerprint, Map.of()).keySet());
    }

    /** The first organization in breadth-first order that holds the key, not entering any of {@code blocked}. */
    private Optional<TrustPath> shortestPath(OrganizationId organization, KeyFingerprint fingerprint,
            Set<OrganizationId> blocked) {
        for (Map.Entry<OrganizationId, List<OrganizationId>> reached : shortestPaths(organization, blocked).entrySet()) {
            for (TrustedKey key : keysByOrganization.getOrDefault(reached.getKey(), List.of())) {
                if (key.fingerprint().equals(fingerprint)) {
                    return Optional.of(new TrustPath(reached.getValue(), key));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Every organization reachable from {@code organization} through active grants without entering one of
     * {@code blocked}, with the shortest such path to it, in breadth-first order; empty if the start is blocked.
     */
    private Map<OrganizationId, List<OrganizationId>> shortestPaths(OrganizationId organization,
            Set<OrganizationId> blocked) {
        Map<OrganizationId, List<OrganizationId>> pathTo = new LinkedHashMap<>();
        if (blocked.contains(organization)) {
            return pathTo;
        }
        Deque<OrganizationId> queue = new ArrayDeque<>();
        pathTo.put(organization, List.of(organization));
        queue.add(organization);
        while (!queue.isEmpty()) {
            OrganizationId current = queue.removeFirst();
            List<OrganizationId> path = pathTo.get(current);
            for (OrganizationId child : childrenByParent.getOrDefault(current, List.of())) {
                if (!pathTo.containsKey(child) && !blocked.contains(child)) {
                    List<OrganizationId> childPath = new ArrayList<>(path);
                    childPath.add(child);
                    pathTo.put(child, List.copyOf(childPath));
                    queue.addLast(child);
                }
            }
        }
        return pathTo;
    }

    private boolean deniedAnywhereIn(KeyFingerprint fingerprint, Set<OrganizationId> organizations) {
        Map<OrganizationId, TrustDeny> denies = deniesByFingerprint.get(fingerprint);
        return denies != null && denies.keySet().stream().anyMatch(organizations::contains);
    }

    private boolean holds(OrganizationId organization, KeyFingerprint fingerprint) {
        return keysByOrganization.getOrDefault(organization, List.of()).stream()
                .anyMatch(key -> key.fingerprint().equals(fingerprint));
    }

    private static TrustedKey laterRevocation(TrustedKey one, TrustedKey other) {
        Comparator<TrustedKey> byRevocation = Comparator.comparing(key -> key.revokedAt().orElseThrow());
        return byRevocation.compare(one, other) >= 0 ? one : other;
    }
}
