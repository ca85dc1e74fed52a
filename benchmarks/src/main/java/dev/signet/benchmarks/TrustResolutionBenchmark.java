package dev.signet.benchmarks;

import dev.signet.adapters.persistence.db.Database;
import dev.signet.application.service.TrustCache;
import dev.signet.domain.time.TimeBasis;
import dev.signet.domain.key.Ed25519PublicKey;
import dev.signet.domain.key.KeyFingerprint;
import dev.signet.domain.organization.Organization;
import dev.signet.domain.organization.OrganizationId;
import dev.signet.domain.organization.OrganizationName;
import dev.signet.domain.trust.TrustAcl;
import dev.signet.domain.trust.TrustPath;
import dev.signet.domain.trust.TrustedKey;
import dev.signet.domain.trust.TrustedKeyId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Trust resolution, the part of an online verification that decides whether the signer is trusted, in a graph
 * of 1,000 organizations (a tree, ten children each: 1 + 10 + 100 + 889, 999 grants) trusting 10,000 keys (ten
 * each). The root trusts all 10,000; the key looked up belongs to a leaf, at the end of the longest path.
 * {@code cached}: TrustCache after its fill, what every verification pays (on H2 it reads the trust version
 * from the table each time; on PostgreSQL the listener has it). {@code rebuilt}: the fill itself, what the
 * first verification after a change to trust pays.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class TrustResolutionBenchmark {
    static final int ORGANIZATIONS = 1_000;
    static final int KEYS_PER_ORGANIZATION = 10;
    static final int CHILDREN = 10;

    @Param({"h2", "postgres"})
    public Db db;

    private Fixtures.SignetUnderTest underTest;
    private Database database;
    private TrustCache cache;
    private OrganizationId root;
    private KeyFingerprint leafKey;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        underTest = new Fixtures.SignetUnderTest(db, Fixtures.softwareKekConfig());
        database = underTest.openDatabase();
        List<OrganizationId> organizations = new ArrayList<>();
        List<KeyFingerprint> fingerprints = new ArrayList<>();
        Instant now = Instant.now();
        database.transactions().run(() -> {
            for (int i = 0; i < ORGANIZATIONS; i++) {
                Organization organization = new Organization(OrganizationId.random(),
                        new OrganizationName("org-" + i), now);
                database.organizations().add(organization);
                organizations.add(organization.id());
                if (i > 0) {
                    database.trustAcls().add(new TrustAcl(organizations.get((i - 1) / CHILDREN), organization.id(),
                            now, Optional.empty()));
                }
                for (int k = 0; k < KEYS_PER_ORGANIZATION; k++) {
                    TrustedKey key = new TrustedKey(TrustedKeyId.random(), organization.id(), randomPublicKey(),
                            Optional.of("key " + k), now, Optional.empty());
                    database.trustedKeys().add(key);
                    fingerprints.add(key.fingerprint());
                }
            }
        });
        root = organizations.get(0);
        leafKey = fingerprints.get(fingerprints.size() - 1);
        cache = new TrustCache(database.organizations(), database.trustedKeys(), database.trustAcls(),
                database.trustVersion(), database.transactions());
        TrustPath path = cached();
        if (path == null || path.organizations().size() != 4 || cache.ruleFor(root).effectiveTrust(root, NOW).size() != 10_000) {
            throw new IllegalStateException("the graph is not as described: " + path);
        }
    }

    private static Ed25519PublicKey randomPublicKey() {
        byte[] privateKey = Fixtures.randomBytes(Ed25519.SECRET_KEY_SIZE);
        byte[] publicKey = new byte[Ed25519.PUBLIC_KEY_SIZE];
        Ed25519.generatePublicKey(privateKey, 0, publicKey, 0);
        return new Ed25519PublicKey(publicKey);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        try {
            database.close();
        } finally {
            underTest.close();
        }
    }

    /** A signature without a trusted time, judged now: every deny in force, as before timestamps. */
    private static final TimeBasis NOW = TimeBasis.currentTime(java.time.Instant.now());

    @Benchmark
    public TrustPath cached() {
        return cache.ruleFor(root).explain(root, leafKey, NOW).orElse(null);
    }

    @Benchmark
    public TrustPath rebuilt() {
        cache.changed(); // as after a change to trust in this process: the next lookup builds anew
        return cache.ruleFor(root).explain(root, leafKey, NOW).orElse(null);
    }
}
