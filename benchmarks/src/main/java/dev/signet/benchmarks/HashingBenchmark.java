package dev.signet.benchmarks;

import dev.signet.adapters.crypto.soft.StreamingPackageHasher;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * SHA-256 of a cached 1 GiB file (issue 12): every plain JVM way of reading it into MessageDigest
 * ({@code raw}, one per {@code method}: an InputStream with a byte[] of 64 KiB or 1 MiB, a FileChannel with a heap or a direct
 * ByteBuffer, of 16 KiB to 1 MiB, and FileChannel.map in windows of 16 to 256 MiB) side by side with Signet's
 * hasher as it ships ({@code signetHasher}: StreamingPackageHasher's default strategy), plus MessageDigest over
 * memory (no I/O: the CPU's own limit). The fastest {@code raw} method of a run is the limit the hasher is held
 * to (>= 0.95x); {@link JmhSummary} prints that ratio, and the strategy Signet ships is the one this benchmark
 * found fastest (StreamingPackageHasher documents the figures).
 *
 * <p>The file (pseudo-random, not sparse) is made once and kept for the whole run at {@code signet.bench.hashFile}
 * (default {@code java.io.tmpdir/signet-bench-hash-1GiB.bin}; ./run-benchmarks removes it), so that the forks of
 * every method hash the same cached bytes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class HashingBenchmark {
    private static final int IN_MEMORY_BUFFER = 1 << 20;

    private Path file;
    private StreamingPackageHasher hasher;
    private byte[] inMemory;

    /** One plain way of reading the file into MessageDigest: kind and buffer or window size. */
    @State(Scope.Benchmark)
    public static class RawMethod {
        @Param({"stream-64k", "stream-1m",
                "heap-16k", "heap-64k", "heap-256k", "heap-1m",
                "direct-16k", "direct-64k", "direct-256k", "direct-1m",
                "map-16m", "map-64m", "map-256m"})
        public String method;

        String kind;
        int size;

        @Setup(Level.Trial)
        public void parse() {
            int dash = method.indexOf('-');
            kind = method.substring(0, dash);
            String amount = method.substring(dash + 1);
            int unit = amount.endsWith("m") ? 1 << 20 : 1 << 10;
            size = Integer.parseInt(amount.substring(0, amount.length() - 1)) * unit;
        }
    }

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        file = cachedFile();
        hasher = new StreamingPackageHasher();
        inMemory = Fixtures.randomBytes(IN_MEMORY_BUFFER);
        hasher.hash(file); // reads it once more into the page cache
    }

    static Path cachedFile() throws IOException {
        Path file = Path.of(System.getProperty("signet.bench.hashFile",
                Path.of(System.getProperty("java.io.tmpdir"), "signet-bench-hash-1GiB.bin").toString()));
        if (Files.isRegularFile(file) && Files.size(file) == Fixtures.GIB) {
            return file;
        }
        Files.deleteIfExists(file);
        return Fixtures.randomFile(file.toAbsolutePath().getParent(), file.getFileName().toString(), Fixtures.GIB);
    }

    @Benchmark
    public byte[] raw(RawMethod method) throws IOException {
        return switch (method.kind) {
            case "stream" -> stream(method.size);
            case "heap" -> channel(ByteBuffer.allocate(method.size));
            case "direct" -> channel(ByteBuffer.allocateDirect(method.size));
            case "map" -> mapped(method.size);
            default -> throw new IllegalArgumentException(method.method);
        };
    }

    /** Signet's hasher with the strategy it ships. */
    @Benchmark
    public Object signetHasher() {
        return hasher.hash(file);
    }

    /** 1 GiB through MessageDigest from memory: what the CPU can do with no reading at all. */
    @Benchmark
    public byte[] inMemory() {
        MessageDigest sha256 = sha256();
        for (int i = 0; i < Fixtures.GIB / IN_MEMORY_BUFFER; i++) {
            sha256.update(inMemory);
        }
        return sha256.digest();
    }

    private byte[] stream(int size) throws IOException {
        MessageDigest sha256 = sha256();
        byte[] buffer = new byte[size];
        try (InputStream in = Files.newInputStream(file)) {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                sha256.update(buffer, 0, read);
            }
        }
        return sha256.digest();
    }

    private byte[] channel(ByteBuffer buffer) throws IOException {
        MessageDigest sha256 = sha256();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            while (channel.read(buffer) >= 0) {
                buffer.flip();
                sha256.update(buffer);
                buffer.clear();
            }
        }
        return sha256.digest();
    }

    /** Windows mapped one after the other; each left to the garbage collector, as plain code would. */
    private byte[] mapped(int window) throws IOException {
        MessageDigest sha256 = sha256();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            for (long position = 0; position < size; position += window) {
                MappedByteBuffer map = channel.map(FileChannel.MapMode.READ_ONLY, position,
                        Math.min(window, size - position));
                sha256.update(map);
            }
        }
        return sha256.digest();
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
