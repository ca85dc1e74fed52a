package dev.signet.benchmarks;

import dev.signet.application.port.in.SignatureSource;
import dev.signet.bootstrap.KeyManager;
import dev.signet.bootstrap.Signet;
import dev.signet.domain.key.SigningKey;
import dev.signet.domain.organization.OrganizationId;
import dev.signet.domain.verification.VerifiedPackage;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Online verification of a 4 KiB package whose signature is found in the database (SignatureSource.DATABASE,
 * no .sig file) among {@code storedSignatures} stored signatures: the one Signet recorded when it signed, plus
 * random rows of the same key bulk-loaded with JDBC. The difference between the two sizes is the cost of the
 * lookup growing with the table (index ix_package_signatures_hash).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class SignatureLookupBenchmark {
    private static final int BATCH = 5_000;

    @Param({"h2", "postgres"})
    public Db db;

    @Param({"1", "1000000"})
    public int storedSignatures;

    private Fixtures.SignetUnderTest underTest;
    private Signet signet;
    private OrganizationId organization;
    private Path packageFile;

    @Setup(Level.Trial)
    public void setUp() throws SQLException {
        underTest = new Fixtures.SignetUnderTest(db, Fixtures.softwareKekConfig());
        signet = underTest.signet;
        KeyManager keys = signet.keyManager();
        organization = keys.createOrganization("bench-org").id();
        SigningKey key = keys.createSigningKey(organization, "bench-key");
        keys.trustPublicKeyPem(organization, keys.exportPublicKey(key.id()).publicKeyPem(), "bench key");
        packageFile = Fixtures.randomFile(underTest.home, "package-4KiB.bin", Fixtures.KIB4);
        signet.packageSigner().signPackageWithDbKey(packageFile, key.id(), true);
        try (Connection connection = underTest.connect()) {
            bulkLoad(connection, key, storedSignatures - 1);
        }
        verify(); // fails the trial if it does not verify
    }

    /** Random signatures of {@code key} over random package hashes, committed in batches. */
    private static void bulkLoad(Connection connection, SigningKey key, int rows) throws SQLException {
        connection.setAutoCommit(false);
        SplittableRandom random = new SplittableRandom(20261125);
        HexFormat hex = HexFormat.of();
        OffsetDateTime signedAt = OffsetDateTime.now(ZoneOffset.UTC);
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO package_signatures "
                + "(id, package_hash, key_fingerprint, signature, signed_at, signing_key_id) VALUES (?, ?, ?, ?, ?, ?)")) {
            for (int row = 1; row <= rows; row++) {
                byte[] hash = new byte[32];
                byte[] signature = new byte[64];
                random.nextBytes(hash);
                random.nextBytes(signature);
                insert.setObject(1, new UUID(random.nextLong(), random.nextLong()));
                insert.setString(2, hex.formatHex(hash));
                insert.setString(3, key.fingerprint().hex());
                insert.setBytes(4, signature);
                insert.setObject(5, signedAt);
                insert.setObject(6, key.id().value());
                insert.addBatch();
                if (row % BATCH == 0 || row == rows) {
                    insert.executeBatch();
                    connection.commit();
                }
            }
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("ANALYZE");
        }
        connection.commit();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        underTest.close();
    }

    private VerifiedPackage verify() {
        return signet.verifier().verifyPackage(packageFile, organization, SignatureSource.DATABASE);
    }

    @Benchmark
    @Threads(1)
    public VerifiedPackage verifyFromDatabase_1t() {
        return verify();
    }
}
