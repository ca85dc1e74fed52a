package dev.signet.benchmarks;

import dev.signet.adapters.crypto.pkcs11.Pkcs11Config;
import dev.signet.adapters.crypto.pkcs11.Pkcs11KeyCustodian;
import dev.signet.application.port.in.SignPackageWithStoredKeyUseCase.StoredKeySignature;
import dev.signet.application.port.out.HsmKeyCustodian.HsmKey;
import dev.signet.bootstrap.Signet;
import dev.signet.domain.key.KeyCustody;
import dev.signet.domain.key.KeyId;
import dev.signet.domain.key.SigningKey;
import dev.signet.domain.organization.OrganizationId;
import dev.signet.domain.signature.Ed25519Signature;
import dev.signet.domain.signature.PackageHash;
import dev.signet.domain.signature.SignedMessage;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Ed25519 signing inside a SoftHSM2 token (CKM_EDDSA), three ways, each with 1 and 2 threads:
 * {@code rawCSign} calls C_SignInit + C_Sign through the JDK's wrapper on a session of its own per thread (the
 * limit: see RawPkcs11Session); {@code poolSign} goes through Signet's session pool (Pkcs11KeyCustodian with 2
 * sessions: retry, circuit breaker, bulkhead); {@code signetHsmSign} signs a 4 KiB package through
 * Signet.packageSigner() with an HSM key stored in embedded H2 (hash, key lookup, pool, audit), signature not
 * recorded.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class HsmSignBenchmark {
    private static final int SESSIONS = 2;

    private Fixtures.SignetUnderTest underTest;
    private Signet signet;
    private SigningKey signetKey;
    private Path packageFile;
    private Pkcs11KeyCustodian pool;
    private KeyCustody.Hsm poolKey;
    private SignedMessage message;
    Fixtures.Token token;
    byte[] poolKeyObjectId;

    @Setup(Level.Trial)
    public void setUp() {
        token = Fixtures.Token.fromEnvironment();
        underTest = new Fixtures.SignetUnderTest(Db.h2, Fixtures.softwareKekConfig(),
                builder -> builder.pkcs11(token.library(), token.label(), token.pin().toCharArray(), SESSIONS));
        signet = underTest.signet;
        OrganizationId organization = signet.keyManager().createOrganization("bench-org").id();
        signetKey = signet.keyManager().createHsmSigningKey(organization, "bench-hsm-key");
        packageFile = Fixtures.randomFile(underTest.home, "package-4KiB.bin", Fixtures.KIB4);

        pool = Pkcs11KeyCustodian.open(new Pkcs11Config(token.library(), token.label(), token.pin().toCharArray(),
                SESSIONS));
        HsmKey generated = pool.generate(KeyId.random());
        poolKey = generated.custody();
        poolKeyObjectId = poolKey.objectId();
        message = SignedMessage.forPackage(new PackageHash(Fixtures.randomBytes(32)));
        signetHsmSign_1t();
        poolSign_1t();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        try {
            pool.close();
        } finally {
            underTest.close();
        }
    }

    @Benchmark
    @Threads(1)
    public byte[] rawCSign_1t(RawPkcs11Session session) {
        return session.sign();
    }

    @Benchmark
    @Threads(2)
    public byte[] rawCSign_2t(RawPkcs11Session session) {
        return session.sign();
    }

    @Benchmark
    @Threads(1)
    public Ed25519Signature poolSign_1t() {
        return pool.sign(poolKey, message);
    }

    @Benchmark
    @Threads(2)
    public Ed25519Signature poolSign_2t() {
        return pool.sign(poolKey, message);
    }

    @Benchmark
    @Threads(1)
    public StoredKeySignature signetHsmSign_1t() {
        return signet.packageSigner().signPackageWithDbKey(packageFile, signetKey.id(), false);
    }

    @Benchmark
    @Threads(2)
    public StoredKeySignature signetHsmSign_2t() {
        return signet.packageSigner().signPackageWithDbKey(packageFile, signetKey.id(), false);
    }
}
