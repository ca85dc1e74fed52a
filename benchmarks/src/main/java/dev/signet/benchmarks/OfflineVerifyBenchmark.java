package dev.signet.benchmarks;

import dev.signet.adapters.crypto.soft.BouncyCastlePrivateKeySigner;
import dev.signet.application.port.in.SignPackageOfflineUseCase;
import dev.signet.bootstrap.OfflineComponents;
import dev.signet.bootstrap.Verification;
import dev.signet.domain.key.Ed25519PrivateKey;
import dev.signet.domain.verification.VerifiedPackage;
import java.nio.file.Path;
import java.util.Optional;
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
import org.openjdk.jmh.annotations.Warmup;

/** Verification.verifyPackageOffline of a signed 4 KiB and 1 GiB package (.sig beside it, raw public key). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class OfflineVerifyBenchmark {
    @Param({"4096", "1073741824"})
    public long size;

    private Path directory;
    private Path packageFile;
    private Path signatureFile;
    private byte[] publicKey;

    @Setup(Level.Trial)
    public void setUp() {
        directory = Fixtures.tempDirectory("signet-bench-offline-");
        packageFile = Fixtures.randomFile(directory, "package.bin", size);
        signatureFile = directory.resolve("package.bin.sig");
        BouncyCastlePrivateKeySigner signer = new BouncyCastlePrivateKeySigner();
        try (Ed25519PrivateKey key = signer.generate()) {
            publicKey = signer.publicKeyOf(key).bytes();
            new OfflineComponents().signing().sign(
                    new SignPackageOfflineUseCase.Command(packageFile, key, Optional.of(signatureFile)));
        }
        Verification.verifyPackageOffline(packageFile, signatureFile, publicKey); // fails the trial if it does not verify
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        Fixtures.deleteRecursively(directory);
    }

    @Benchmark
    public VerifiedPackage verifyOffline() {
        return Verification.verifyPackageOffline(packageFile, signatureFile, publicKey);
    }
}
