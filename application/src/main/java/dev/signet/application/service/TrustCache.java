package dev.signet.application.service;

import dev.signet.application.port.out.OrganizationRepository;
import dev.signet.application.port.out.Transactions;
import dev.signet.application.port.out.TrustAclRepository;
import dev.signet.application.port.out.TrustVersion;
import dev.signet.application.port.out.TrustedKeyRepository;
import dev.signet.domain.organization.OrganizationId;
import dev.signet.domain.trust.TrustRule;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Each organization's trust rule (the snapshot of trusted keys, denies and grants it judges signatures by, at
 * each signature's time basis), kept in memory and exact: an entry is used only while the database's newest trust stamp (port
 * {@link TrustVersion}) is the very stamp it was built at. Equal, not "at least as new": a restore, a failover
 * or a counter reset by hand moves the counter back, and a stamp that differs in any way rebuilds the entry.
 * No time decides anything here.
 *
 * <p>Within this process there is no window at all: a service that changed trust calls {@link #changed()}
 * after its commit, and no entry whose build began before that is used afterwards, even before the
 * database's notice of the change has arrived.
 */
public final class TrustCache {
    /**
     * {@code stamp}: the state of trust the entry was read from, null when a change committed during the build
     * (the entry is then never fresh); {@code generation}: how many changes this process had committed when the
     * build began.
     */
    private record Entry(TrustVersion.Stamp stamp, long generation, TrustRule rule) {
        boolean isFresh(long changesHere, TrustVersion.Stamp latest) {
            return generation == changesHere && stamp != null && stamp.equals(latest);
        }
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
     * The rule {@code organization}'s trust is judged by now.
     *
     * @throws dev.signet.domain.NotFound when the organization does not exist
     */
    public TrustRule ruleFor(OrganizationId organization) {
        long changesHere = generation.get();
        Entry cached = entries.get(organization);
        if (cached != null && cached.isFresh(changesHere, version.latest())) {
            return cached.rule();
        }
        Entry fresh = transactions.inTransaction(() -> {
            // The stamp before and after the trust: when they agree, no change committed in between, so the
            // trust read is exactly the state the stamp names. When they differ the result is still at least as
            // new as the first stamp (good for this call), but names no one state, so it is not kept as fresh.
            TrustVersion.Stamp before = version.current();
            OrganizationService.requireExists(organizations, organization);
            TrustRule rule = resolver.ruleFor(organization);
            TrustVersion.Stamp after = version.current();
            return new Entry(before.equals(after) ? before : null, changesHere, rule);
        });
        // the stamps of two builds have no order (a reset moves the counter back): the later build wins, unless
        // it began before a change this process made
        entries.merge(organization, fresh, (old, built) -> built.generation() >= old.generation() ? built : old);
        return fresh.rule();
    }

    /**
     * Call after committing a change to trust: from now on, this process uses no entry whose build began
     * before it. Touches no database, so a committed change is never reported as failed.
     */
    public void changed() {
        generation.incrementAndGet();
    }
}
