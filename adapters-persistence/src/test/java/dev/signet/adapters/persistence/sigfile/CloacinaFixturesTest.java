package dev.signet.adapters.persistence.sigfile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.domain.signature.PackageSignature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The .sig files in shared/testdata/cloacina are what Cloacina writes; Signet must read and rewrite them exactly. */
class CloacinaFixturesTest {
    private final JsonDetachedSignatureFiles files = new JsonDetachedSignatureFiles();

    @TempDir
    Path folder;

    @ParameterizedTest
    @ValueSource(strings = {"hello-world.pkg.sig", "empty.pkg.sig"})
    void a_cloacina_signature_file_reads_and_encodes_back_to_the_same_bytes(String name) throws IOException {
        Path fixture = SharedTestData.cloacina().resolve(name);
        byte[] original = Files.readAllBytes(fixture);

        PackageSignature signature = files.read(fixture);

        assertThat(files.encode(signature)).isEqualTo(original);
    }

    @ParameterizedTest
    @ValueSource(strings = {"hello-world.pkg.sig", "empty.pkg.sig"})
    void writing_a_cloacina_signature_read_from_file_gives_a_byte_identical_file(String name) throws IOException {
        Path fixture = SharedTestData.cloacina().resolve(name);
        Path copy = folder.resolve(name);

        files.write(copy, files.read(fixture));

        assertThat(Files.readAllBytes(copy)).isEqualTo(Files.readAllBytes(fixture));
    }

    @Test
    void the_hello_world_fixture_holds_the_values_its_readme_states() {
        PackageSignature signature = files.read(SharedTestData.cloacina().resolve("hello-world.pkg.sig"));

        assertThat(signature).isEqualTo(SampleSignatures.helloWorld());
        assertThat(signature.packageHash().hex())
                .isEqualTo("b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9");
        assertThat(signature.keyFingerprint().hex())
                .isEqualTo("21fe31dfa154a261626bf854046fd2271b7bed4b6abe45aa58877ef47f9721b9");
        assertThat(signature.signedAt()).isEqualTo(Instant.parse("2026-01-28T12:00:00Z"));
    }

    @Test
    void the_empty_package_fixture_signs_the_sha256_of_no_bytes() {
        PackageSignature signature = files.read(SharedTestData.cloacina().resolve("empty.pkg.sig"));

        assertThat(signature.packageHash().hex())
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }
}
