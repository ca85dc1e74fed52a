package dev.signet.benchmarks;

import dev.signet.adapters.crypto.soft.StreamingPackageHasher;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * SHA-256 of a cached 1 GiB file: plain MessageDigest (the limit) against Signet's StreamingPackageHasher,
 * plus MessageDigest over a 1 MiB buffer in memory 1,024 times (the CPU's own limit, no I/O at all).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class HashingBenchmark {
    private static final int BUFFER = 1 << 20;

    private Path directory;
    private Path file;
    private StreamingPackageHasher hasher;
    private byte[] inMemory;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        directory = Fixtures.tempDirectory("signet-bench-hash-");
        file = Fixtures.randomFile(directory, "package-1GiB.bin", Fixtures.GIB);
        hasher = new StreamingPackageHasher();
        inMemory = Fixtures.randomBytes(BUFFER);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        Fixtures.deleteRecursively(directory);
    }

    /** The limit: an InputStream and a 1 MiB heap buffer into MessageDigest, as anyone would write it. */
    @Benchmark
    public byte[] rawMessageDigestStream() throws IOException {
        MessageDigest sha256 = sha256();
        byte[] buffer = new byte[BUFFER];
        try (InputStream in = Files.newInputStream(file)) {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                sha256.update(buffer, 0, read);
            }
        }
        return sha256.digest();
    }

    /** MessageDigest over a FileChannel and a 1 MiB heap ByteBuffer. */
    @Benchmark
    public byte[] rawMessageDigestChannel() throws IOException {
        MessageDigest sha256 = sha256();
        ByteBuffer buffer = ByteBuffer.allocate(BUFFER);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            while (channel.read(buffer) >= 0) {
                buffer.flip();
                sha256.update(buffer);
                buffer.clear();
            }
        }
        return sha256.digest();
    }

    /** 1 GiB through MessageDigest from memory: what the CPU can do with no reading at all. */
    @Benchmark
    public byte[] rawMessageDigestInMemory() {
        MessageDigest sha256 = sha256();
        for (int i = 0; i < Fixtures.GIB / BUFFER; i++) {
            sha256.update(inMemory);
        }
        return sha256.digest();
    }

    @Benchmark
    public Object streamingPackageHasher() {
        return hasher.hash(file);
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
