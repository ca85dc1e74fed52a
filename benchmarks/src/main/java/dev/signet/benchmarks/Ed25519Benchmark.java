package dev.signet.benchmarks;

import java.util.concurrent.TimeUnit;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The limits: raw Bouncy Castle Ed25519 (org.bouncycastle.math.ec.rfc8032.Ed25519) over a 32-byte message,
 * which is what Signet signs (a package's SHA-256 digest). Rates are per benchmark, all threads together.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class Ed25519Benchmark {
    private byte[] privateKey;
    private byte[] publicKey;
    private byte[] message;
    private byte[] signature;

    @Setup(Level.Trial)
    public void setUp() {
        privateKey = Fixtures.randomBytes(Ed25519.SECRET_KEY_SIZE);
        publicKey = new byte[Ed25519.PUBLIC_KEY_SIZE];
        Ed25519.generatePublicKey(privateKey, 0, publicKey, 0);
        message = Fixtures.randomBytes(32);
        signature = new byte[Ed25519.SIGNATURE_SIZE];
        Ed25519.sign(privateKey, 0, message, 0, message.length, signature, 0);
        if (!verify()) {
            throw new IllegalStateException("Ed25519 self-check failed");
        }
    }

    private boolean verify() {
        return Ed25519.verify(signature, 0, publicKey, 0, message, 0, message.length);
    }

    private byte[] sign() {
        byte[] out = new byte[Ed25519.SIGNATURE_SIZE];
        Ed25519.sign(privateKey, 0, message, 0, message.length, out, 0);
        return out;
    }

    @Benchmark
    @Threads(1)
    public boolean rawVerify_1t() {
        return verify();
    }

    @Benchmark
    @Threads(2)
    public boolean rawVerify_2t() {
        return verify();
    }

    @Benchmark
    @Threads(4)
    public boolean rawVerify_4t() {
        return verify();
    }

    @Benchmark
    @Threads(1)
    public byte[] rawSign_1t() {
        return sign();
    }

    @Benchmark
    @Threads(2)
    public byte[] rawSign_2t() {
        return sign();
    }
}
