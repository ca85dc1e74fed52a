package dev.signet.benchmarks;

import dev.signet.application.port.in.SignPackageWithStoredKeyUseCase.StoredKeySignature;
import dev.signet.bootstrap.Signet;
import dev.signet.domain.key.KeyId;
import dev.signet.domain.organization.OrganizationId;
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
 * Signing a 4 KiB package with a stored software key (private half wrapped under a KEK held in memory by the
 * SecurityConfig) through Signet.packageSigner(), without recording the signature. Compare with
 * Ed25519Benchmark.rawSign at the same thread count.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class SignBenchmark {
    @Param({"h2", "postgres"})
    public Db db;

    private Fixtures.SignetUnderTest underTest;
    private Signet signet;
    private KeyId key;
    private Path packageFile;

    @Setup(Level.Trial)
    public void setUp() {
        underTest = new Fixtures.SignetUnderTest(db, Fixtures.softwareKekConfig());
        signet = underTest.signet;
        OrganizationId organization = signet.keyManager().createOrganization("bench-org").id();
        key = signet.keyManager().createSigningKey(organization, "bench-key").id();
        packageFile = Fixtures.randomFile(underTest.home, "package-4KiB.bin", Fixtures.KIB4);
        sign();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        underTest.close();
    }

    private StoredKeySignature sign() {
        return signet.packageSigner().signPackageWithDbKey(packageFile, key, false);
    }

    @Benchmark
    @Threads(1)
    public StoredKeySignature softwareKeySign_1t() {
        return sign();
    }

    @Benchmark
    @Threads(2)
    public StoredKeySignature softwareKeySign_2t() {
        return sign();
    }
}
