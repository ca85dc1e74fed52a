package dev.signet.benchmarks;

import dev.signet.application.port.in.SignatureSource;
import dev.signet.bootstrap.KeyManager;
import dev.signet.bootstrap.Signet;
import dev.signet.domain.key.SigningKey;
import dev.signet.domain.organization.OrganizationId;
import dev.signet.domain.verification.VerifiedPackage;
import java.nio.file.Path;
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
 * Online verification of a 4 KiB package through the Java API (Signet.verifier().verifyPackage, .sig beside
 * the package, SignatureSource.AUTO), trust read from H2 (embedded, in a temporary folder) or from a fresh
 * PostgreSQL database. One Signet shared by all threads, as an integrator would. Compare each rate with
 * Ed25519Benchmark.rawVerify at the same thread count.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class OnlineVerifyBenchmark {
    @Param({"h2", "postgres"})
    public Db db;

    private Fixtures.SignetUnderTest underTest;
    private Signet signet;
    private OrganizationId organization;
    private Path packageFile;

    @Setup(Level.Trial)
    public void setUp() {
        underTest = new Fixtures.SignetUnderTest(db, Fixtures.softwareKekConfig());
        signet = underTest.signet;
        KeyManager keys = signet.keyManager();
        organization = keys.createOrganization("bench-org").id();
        SigningKey key = keys.createSigningKey(organization, "bench-key");
        keys.trustPublicKeyPem(organization, keys.exportPublicKey(key.id()).publicKeyPem(), "bench key");
        packageFile = Fixtures.randomFile(underTest.home, "package-4KiB.bin", Fixtures.KIB4);
        var signed = signet.packageSigner().signPackageWithDbKey(packageFile, key.id(), false);
        signet.packageSigner().writeDetachedSignature(signed.signature(), Path.of(packageFile + ".sig"));
        verify(); // fails the trial if it does not verify
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        underTest.close();
    }

    private VerifiedPackage verify() {
        return signet.verifier().verifyPackage(packageFile, organization, SignatureSource.AUTO);
    }

    @Benchmark
    @Threads(1)
    public VerifiedPackage onlineVerify_1t() {
        return verify();
    }

    @Benchmark
    @Threads(2)
    public VerifiedPackage onlineVerify_2t() {
        return verify();
    }

    @Benchmark
    @Threads(4)
    public VerifiedPackage onlineVerify_4t() {
        return verify();
    }
}
