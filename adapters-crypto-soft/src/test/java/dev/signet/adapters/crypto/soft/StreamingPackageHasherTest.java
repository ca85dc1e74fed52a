package dev.signet.adapters.crypto.soft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signet.application.port.out.PackageNotReadable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StreamingPackageHasherTest {
    @TempDir
    Path dir;

    private final StreamingPackageHasher hasher = new StreamingPackageHasher();

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {0, 1, StreamingPackageHasher.DEFAULT_BUFFER_SIZE - 1, StreamingPackageHasher.DEFAULT_BUFFER_SIZE,
            3 * StreamingPackageHasher.DEFAULT_BUFFER_SIZE + 7})
    void hashEqualsSha256OfTheWholeFile(int size) throws Exception {
        byte[] content = randomBytes(size);
        Path file = Files.write(dir.resolve("package.bin"), content);

        assertThat(hasher.hash(file).bytes()).isEqualTo(MessageDigest.getInstance("SHA-256").digest(content));
    }

    @Test
    void aBufferSmallerThanTheFileGivesTheSameHash() throws Exception {
        byte[] content = randomBytes(10_007);
        Path file = Files.write(dir.resolve("package.bin"), content);

        assertThat(new StreamingPackageHasher(4096).hash(file)).isEqualTo(hasher.hash(file));
    }

    @Test
    void theReusedBufferCarriesNothingFromOneFileToTheNext() throws Exception {
        Path big = Files.write(dir.resolve("big.bin"), randomBytes(StreamingPackageHasher.DEFAULT_BUFFER_SIZE + 3));
        Path small = Files.write(dir.resolve("small.bin"), new byte[] {42});
        hasher.hash(big);

        assertThat(hasher.hash(small).bytes()).isEqualTo(MessageDigest.getInstance("SHA-256").digest(new byte[] {42}));
    }

    @Test
    void aMissingFileIsPackageNotReadable() {
        Path missing = dir.resolve("missing.pkg");
        assertThatThrownBy(() -> hasher.hash(missing))
                .isInstanceOf(PackageNotReadable.class)
                .hasMessage("cannot read package " + missing + ": no such file");
    }

    @Test
    void aDirectoryIsPackageNotReadable() {
        assertThatThrownBy(() -> hasher.hash(dir))
                .isInstanceOf(PackageNotReadable.class)
                .hasMessageContaining("directory");
    }

    private static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"heap-16k", "heap-64k", "direct-16k", "direct-1m"})
    void everyStrategyGivesTheSha256OfTheWholeFile(String strategy) throws Exception {
        byte[] content = randomBytes(3 * (1 << 20) + 11);
        Path file = Files.write(dir.resolve("package.bin"), content);

        StreamingPackageHasher chosen = new StreamingPackageHasher(HashingStrategy.parse(strategy), HashProgress.NONE);

        assertThat(chosen.hash(file).bytes()).isEqualTo(MessageDigest.getInstance("SHA-256").digest(content));
    }

    @Test
    void aStrategyReadsAsHashingBenchmarkNamesItsMethods() {
        assertThat(HashingStrategy.parse("heap-64k")).isEqualTo(new HashingStrategy(HashingStrategy.Reading.HEAP, 65_536));
        assertThat(HashingStrategy.parse("direct-1m").toString()).isEqualTo("direct-1m");
        assertThatThrownBy(() -> HashingStrategy.parse("map-64m")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HashingStrategy.parse("heap-1k")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void thePropertyPicksTheStrategyAndAMalformedOneLeavesTheMeasuredOne() {
        String before = System.getProperty(HashingStrategy.PROPERTY);
        try {
            System.setProperty(HashingStrategy.PROPERTY, "direct-256k");
            assertThat(new StreamingPackageHasher().strategy()).isEqualTo(HashingStrategy.parse("direct-256k"));
            System.setProperty(HashingStrategy.PROPERTY, "fast please");
            assertThat(new StreamingPackageHasher().strategy()).isEqualTo(HashingStrategy.MEASURED);
        } finally {
            if (before == null) {
                System.clearProperty(HashingStrategy.PROPERTY);
            } else {
                System.setProperty(HashingStrategy.PROPERTY, before);
            }
        }
    }

    @Test
    void progressHearsOfEveryBufferUpToTheWholeFileThenOfTheEnd() throws Exception {
        Path file = Files.write(dir.resolve("package.bin"), randomBytes(10 * 4096 + 5));
        java.util.List<Long> heard = new java.util.ArrayList<>();
        HashProgress progress = (path, size) -> {
            heard.add(size);
            return new HashProgress.Tracker() {
                @Override
                public void hashed(long bytesSoFar) {
                    heard.add(bytesSoFar);
                }

                @Override
                public void finished() {
                    heard.add(-1L);
                }
            };
        };

        new StreamingPackageHasher(HashingStrategy.parse("heap-16k"), progress).hash(file);

        assertThat(heard).containsExactly(40_965L, 16_384L, 32_768L, 40_965L, -1L);
    }
}
