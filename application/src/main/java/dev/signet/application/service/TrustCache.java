package dev.signet.application.service;

import dev.signet.application.port.out.OrganizationRepository;
import dev.signet.application.port.out.Transactions;
import dev.signet.application.port.out.TrustAclRepository;
import dev.signet.application.port.out.TrustVersion;
import dev.signet.application.port.out.TrustedKeyRepository;
import dev.signet.domain.key.KeyFingerprint;
import dev.signet.domain.organization.OrganizationId;
import dev.signet.domain.trust.TrustPath;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Each organization's effective trust (every fingerprint it trusts, with the shortest path that explains
 * it), kept in memory and exact: an entry is used only while it was built at the newest trust version
 * (port {@link TrustVersion}), so a revocation committed by any process rebuilds it before the next
 * verification uses it. No time decides anything here.
 *
 * <p>Within this process there is no window at all: a service that changed trust calls {@link #changed()}
 * after its commit, and no entry whose build began before that is used afterwards, even before the
 * database's notice of the change has arrived.
 */
public final class TrustCache {
    /** {@code generation}: how many changes this process had committed when the build began. */
    private record Entry(long version, long generation, Map<KeyFingerprint, TrustPath> trusted) {
    }

    private final OrganizationRepository organizations;
    private final TrustResolver resolver;
    private final TrustVersion version;
    private final Transactions transactions;
    private final ConcurrentHashMap<OrganizationId, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();

    public TrustCache(OrganizationRepository organizations, TrustedKeyRepository trustedKeys, TrustAclRepository acls,
            TrustVersion version, Transactions transactions) {
        this.organizations = Objects.requireNonNull(organizations, "organizations");
        this.resolver = new TrustResolver(trustedKeys, acls);
        this.version = Objects.requireNonNull(version, "trust version");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
    }

    /**
     * What {@code organization} trusts now.
     *
     * @throws dev.signet.domain.NotFound when the organization does not exist
     */
    public Map<KeyFingerprint, TrustPath> trustedBy(OrganizationId organization) {
        long changesHere = generation.get();
        Entry cached = entries.get(organization);
        if (cached != null && cached.generation() == changesHere && cached.version() >= version.latest()) {
            return cached.trusted();
        }
        Entry fresh = transactions.inTransaction(() -> {
            // the version first: the trust read after it is at least as new, so the entry never claims too much
            long builtAt = version.current();
            OrganizationService.requireExists(organizations, organization);
            return new Entry(builtAt, changesHere,
                    Map.copyOf(resolver.ruleFor(organization).effectiveTrust(organization)));
        });
        entries.merge(organization, fresh, (old, built) -> built.generation() > old.generation()
                || built.generation() == old.generation() && built.version() >= old.version() ? built : old);
        return fresh.trusted();
    }

    /**
     * Call after committing a change to trust: from now on, this process uses no entry whose build began
     * before it. Touches no database, so a committed change is never reported as failed.
     */
    public void changed() {
        generation.incrementAndGet();
    }
}
