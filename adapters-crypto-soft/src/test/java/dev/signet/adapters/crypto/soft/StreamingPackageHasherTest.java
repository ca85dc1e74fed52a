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
}
