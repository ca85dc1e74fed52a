package dev.signet.adapters.persistence.sigfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signet.application.port.out.SignatureFileNotWritten;
import dev.signet.domain.signature.PackageSignature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SignatureFileEncodingTest {
    private final JsonDetachedSignatureFiles files = new JsonDetachedSignatureFiles();

    @TempDir
    Path folder;

    @Test
    void encode_writes_exactly_what_cloacina_writes_for_the_same_signature() {
        byte[] encoded = files.encode(SampleSignatures.helloWorld());

        assertThat(new String(encoded, StandardCharsets.UTF_8)).isEqualTo(SampleSignatures.HELLO_WORLD_JSON);
        assertThat(encoded).hasSize(370);
    }

    @Test
    void encode_ends_with_the_closing_brace_and_no_newline() {
        byte[] encoded = files.encode(SampleSignatures.helloWorld());

        assertThat(encoded[encoded.length - 1]).isEqualTo((byte) '}');
    }

    @Test
    void encode_writes_signed_at_with_the_fewest_of_0_3_6_9_fraction_digits_and_plus_00_00() {
        String json = new String(files.encode(SampleSignatures.signedAt(Instant.parse("2026-01-28T12:00:00.000123Z"))),
                StandardCharsets.UTF_8);

        assertThat(json).contains("\"signed_at\": \"2026-01-28T12:00:00.000123+00:00\"\n}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-01-28T12:00:00Z", "2026-01-28T12:00:00.1Z", "2026-01-28T12:00:00.000123Z",
        "2026-01-28T12:00:00.000000001Z", "0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z"})
    void a_written_file_reads_back_as_an_equal_signature(String signedAt) {
        PackageSignature signature = SampleSignatures.signedAt(Instant.parse(signedAt));
        Path file = folder.resolve("package.pkg.sig");

        files.write(file, signature);

        assertThat(files.read(file)).isEqualTo(signature);
    }

    @Test
    void write_puts_exactly_the_encoded_bytes_in_the_file() throws IOException {
        Path file = folder.resolve("package.pkg.sig");

        files.write(file, SampleSignatures.helloWorld());

        assertThat(Files.readAllBytes(file)).isEqualTo(files.encode(SampleSignatures.helloWorld()));
    }

    @Test
    void encode_refuses_a_signing_time_after_the_year_9999_instead_of_writing_non_rfc3339_text() {
        PackageSignature signature = SampleSignatures.signedAt(Instant.parse("+10000-01-01T00:00:00Z"));

        assertThatThrownBy(() -> files.encode(signature))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0000-9999");
    }

    @Test
    void write_reports_an_unwritable_signing_time_as_SignatureFileNotWritten_and_writes_nothing() throws IOException {
        PackageSignature signature = SampleSignatures.signedAt(Instant.parse("-0001-12-31T23:59:59Z"));
        Path file = folder.resolve("package.pkg.sig");

        assertThatThrownBy(() -> files.write(file, signature))
                .isInstanceOf(SignatureFileNotWritten.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("0000-9999");
        try (var entries = Files.list(folder)) {
            assertThat(entries).isEmpty();
        }
    }
}
