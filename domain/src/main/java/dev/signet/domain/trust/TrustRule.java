package dev.signet.domain.trust;

import dev.signet.domain.Require;
import dev.signet.domain.key.KeyFingerprint;
import dev.signet.domain.organization.OrganizationId;
import dev.signet.domain.time.TimeBasis;
import java.time.Instant;
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
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which keys an organization trusts for a signature judged at a {@link TimeBasis}: its own active trusted keys
 * whose validity window holds the basis's time, plus, through every active ACL to a child, everything that child
 * trusts, recursively. Cycles end because each organization is visited once; breadth-first order makes the
 * reported path the shortest one. Revoked grants do not count. (Cloacina stops at one level; Signet follows
 * grants transitively on purpose, see compat.md.)
 *
 * <p><b>Deny wins.</b> An organization that revoked its trusted key for a fingerprint and has no active row for
 * it again denies that fingerprint ({@link TrustDeny}) for the signatures its revocation covers: those without a
 * trusted time, and those timestamped at or after the revocation took effect, whatever its reason. For such a
 * signature a path to the key counts only if no organization on it denies the key. So the denier trusts the key
 * along no path at all, a parent reaching the key only through deniers does not trust it, and a parent with
 * another path, one that passes through no denier, still does (that path owes nothing to the denier). A deny
 * binds the denier and whoever trusts through it, never the children it grants: a child's own trust does not
 * flow through its parent. A signature timestamped before the revocation took effect is not denied: the key
 * was trusted when it was provably made.
 *
 * <p>The rule is an immutable snapshot and safe to share between threads.
 */
public final class TrustRule {
    private final Map<OrganizationId, List<TrustedKey>> keysByOrganization = new HashMap<>();
    private final Map<KeyFingerprint, List<TrustedKey>> keysByFingerprint = new LinkedHashMap<>();
    private final Map<KeyFingerprint, Map<OrganizationId, TrustDeny>> deniesByFingerprint = new HashMap<>();
    private final Map<OrganizationId, List<OrganizationId>> childrenByParent = new HashMap<>();
    /** Unblocked breadth-first reach per starting organization, the common case, computed once. */
    private final Map<OrganizationId, Reach> reach = new ConcurrentHashMap<>();

    /**
     * Builds the rule over a snapshot of trusted keys (revoked rows included: they are the denies) and grants;
     * revoked grants are ignored.
     */
    public TrustRule(Collection<TrustedKey> trustedKeys, Collection<TrustAcl> acls) {
        Map<OrganizationId, Map<KeyFingerprint, TrustedKey>> latestRevoked = new HashMap<>();
        for (TrustedKey key : Require.present(trustedKeys, "trusted keys")) {
            if (key.isActive()) {
                keysByOrganization.computeIfAbsent(key.organizationId(), org -> new ArrayList<>()).add(key);
                keysByFingerprint.computeIfAbsent(key.fingerprint(), f -> new ArrayList<>()).add(key);
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

    /** Every fingerprint {@code organization} trusts for a signature judged at {@code basis}, with its shortest path. */
    public Map<KeyFingerprint, TrustPath> effectiveTrust(OrganizationId organization, TimeBasis basis) {
        Map<KeyFingerprint, TrustPath> trusted = new LinkedHashMap<>();
        for (KeyFingerprint fingerprint : keysByFingerprint.keySet()) {
            explain(organization, fingerprint, basis).ifPresent(path -> trusted.put(fingerprint, path));
        }
        return trusted;
    }

    /** The path by which {@code organization} trusts {@code fingerprint} at {@code basis}, or empty when it does not. */
    public Optional<TrustPath> explain(OrganizationId organization, KeyFingerprint fingerprint, TimeBasis basis) {
        Require.present(basis, "time basis");
        List<TrustedKey> holders = new ArrayList<>(activeHolders(fingerprint, basis.time()));
        Set<OrganizationId> denying = new HashSet<>();
        for (TrustDeny deny : deniesByFingerprint.getOrDefault(fingerprint, Map.of()).values()) {
            if (deny.covers(basis)) {
                denying.add(deny.organization());
            } else if (deny.revokedKey().validity().contains(basis.time())) {
                holders.add(deny.revokedKey()); // revoked after the signature was provably made: it still vouches
            }
        }
        return firstReached(organization, holders, denying);
    }

    /** Why {@code organization} trusts {@code fingerprint} at {@code basis}, or why not: no path, denies, or the window. */
    public TrustExplanation explanation(OrganizationId organization, KeyFingerprint fingerprint, TimeBasis basis) {
        Optional<TrustPath> path = explain(organization, fingerprint, basis);
        if (path.isPresent()) {
            return new TrustExplanation.Trusted(path.get());
        }
        List<TrustedKey> holders = activeHolders(fingerprint, basis.time());
        Optional<TrustPath> blocked = firstReached(organization, holders, Set.of());
        if (blocked.isEmpty()) {
            return firstReached(organization, keysByFingerprint.getOrDefault(fingerprint, List.of()), Set.of())
                    .<TrustExplanation>map(outside -> new TrustExplanation.OutsideValidity(outside, basis.time()))
                    .orElseGet(TrustExplanation.NotTrusted::new);
        }
        List<TrustDeny> inTheWay = new ArrayList<>();
        Map<OrganizationId, TrustDeny> denies = deniesByFingerprint.getOrDefault(fingerprint, Map.of());
        for (OrganizationId reached : reachFrom(organization).paths().keySet()) {
            TrustDeny deny = denies.get(reached);
            if (deny != null && deny.covers(basis) && firstReached(reached, holders, Set.of()).isPresent()) {
                inTheWay.add(deny); // reachable from the organization, and itself reaches the key: on a path
            }
        }
        return new TrustExplanation.Denied(blocked.get(), inTheWay);
    }

    public boolean trusts(OrganizationId organization, KeyFingerprint fingerprint, TimeBasis basis) {
        return explain(organization, fingerprint, basis).isPresent();
    }

    /** The active rows for {@code fingerprint} whose validity window holds {@code time}. */
    private List<TrustedKey> activeHolders(KeyFingerprint fingerprint, Instant time) {
        List<TrustedKey> all = keysByFingerprint.getOrDefault(fingerprint, List.of());
        List<TrustedKey> valid = new ArrayList<>(all.size());
        for (TrustedKey key : all) {
            if (key.validity().contains(time)) {
                valid.add(key);
            }
        }
        return valid;
    }

    /**
     * The path to the holder that breadth-first order meets first, not entering any of {@code blocked}: the
     * shortest path, and among equally short ones the first the grants lead to.
     */
    private Optional<TrustPath> firstReached(OrganizationId organization, List<TrustedKey> holders,
            Set<OrganizationId> blocked) {
        if (holders.isEmpty()) {
            return Optional.empty();
        }
        Reach from = blocked.isEmpty() ? reachFrom(organization) : Reach.of(shortestPaths(organization, blocked));
        TrustedKey first = null;
        int firstOrder = Integer.MAX_VALUE;
        for (TrustedKey key : holders) {
            Integer order = from.order().get(key.organizationId());
            if (order != null && order < firstOrder) {
                first = key;
                firstOrder = order;
            }
        }
        return Optional.ofNullable(first).map(key -> new TrustPath(from.paths().get(key.organizationId()), key));
    }

    /** The shortest path to every organization reachable from one, and each one's breadth-first position. */
    private record Reach(Map<OrganizationId, List<OrganizationId>> paths, Map<OrganizationId, Integer> order) {
        static Reach of(Map<OrganizationId, List<OrganizationId>> paths) {
            Map<OrganizationId, Integer> order = new HashMap<>();
            for (OrganizationId reached : paths.keySet()) {
                order.put(reached, order.size());
            }
            return new Reach(paths, order);
        }
    }

    private Reach reachFrom(OrganizationId organization) {
        return reach.computeIfAbsent(organization, start -> Reach.of(shortestPaths(start, Set.of())));
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

    private boolean holds(OrganizationId organization, KeyFingerprint fingerprint) {
        return keysByOrganization.getOrDefault(organization, List.of()).stream()
                .anyMatch(key -> key.fingerprint().equals(fingerprint));
    }

    private static TrustedKey laterRevocation(TrustedKey one, TrustedKey other) {
        Comparator<TrustedKey> byRevocation = Comparator.comparing(key -> key.revokedAt().orElseThrow());
        return byRevocation.compare(one, other) >= 0 ? one : other;
    }
}
