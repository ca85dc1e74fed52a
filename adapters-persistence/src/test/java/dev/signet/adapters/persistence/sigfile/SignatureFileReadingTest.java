package dev.signet.adapters.persistence.sigfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.signet.application.port.out.SignatureFileNotReadable;
import dev.signet.domain.signature.PackageSignature;
import dev.signet.domain.verification.MalformedSignature;
import dev.signet.domain.verification.SignatureNotFound;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SignatureFileReadingTest {
    private final JsonDetachedSignatureFiles files = new JsonDetachedSignatureFiles();

    @TempDir
    Path folder;

    @Test
    void reads_every_field_of_a_version_1_file() throws IOException {
        Path file = SigJson.write(folder, SampleSignatures.HELLO_WORLD_JSON.getBytes(StandardCharsets.UTF_8));

        assertThat(files.read(file)).isEqualTo(SampleSignatures.helloWorld());
    }

    @Test
    void unknown_extra_fields_are_ignored_whatever_their_values() throws IOException {
        String json = "{\"comment\": {\"nested\": [1, 2.5, {\"deep\": [null, true, \"\\u00e9\"]}]},\n"
                + SampleSignatures.HELLO_WORLD_JSON.substring(1, SampleSignatures.HELLO_WORLD_JSON.length() - 1)
                + ",\"tool\": \"cloacina 0.9\", \"count\": 123456789012345678901234567890, \"flag\": false,"
                + " \"nothing\": null, \"list\": []}";

        PackageSignature signature = files.read(SigJson.write(folder, json.getBytes(StandardCharsets.UTF_8)));

        assertThat(signature).isEqualTo(SampleSignatures.helloWorld());
    }

    @Test
    void uppercase_hex_is_accepted_and_reads_as_the_same_values_as_lowercase() throws IOException {
        Path file = SigJson.valid()
                .withString("package_hash", SampleSignatures.PACKAGE_HASH.toUpperCase(Locale.ROOT))
                .withString("key_fingerprint", SampleSignatures.KEY_FINGERPRINT.toUpperCase(Locale.ROOT))
                .writeTo(folder);

        PackageSignature signature = files.read(file);

        assertThat(signature).isEqualTo(SampleSignatures.helloWorld());
        assertThat(signature.packageHash().hex()).isEqualTo(SampleSignatures.PACKAGE_HASH);
    }

    @Test
    void fields_may_come_in_any_order_and_json_without_whitespace_is_accepted() throws IOException {
        String json = "{\"signed_at\":\"" + SampleSignatures.SIGNED_AT
                + "\",\"signature\":\"" + SampleSignatures.SIGNATURE
                + "\",\"key_fingerprint\":\"" + SampleSignatures.KEY_FINGERPRINT + "\",\"package_hash\":\""
                + SampleSignatures.PACKAGE_HASH + "\",\"algorithm\":\"ed25519\",\"version\":1}";

        assertThat(files.read(SigJson.write(folder, json.getBytes(StandardCharsets.UTF_8))))
                .isEqualTo(SampleSignatures.helloWorld());
    }

    @Test
    void whitespace_around_the_object_and_a_trailing_newline_are_accepted() throws IOException {
        byte[] json = (" \r\n\t" + SampleSignatures.HELLO_WORLD_JSON + "\n\n ").getBytes(StandardCharsets.UTF_8);

        assertThat(files.read(SigJson.write(folder, json))).isEqualTo(SampleSignatures.helloWorld());
    }

    @Test
    void json_escapes_in_strings_are_decoded_before_the_checks() throws IOException {
        Path file = SigJson.valid().with("algorithm", "\"\\u0065d25519\"").writeTo(folder);

        assertThat(files.read(file)).isEqualTo(SampleSignatures.helloWorld());
    }

    @Test
    void signed_at_with_any_rfc3339_offset_is_read_as_the_same_instant_in_utc() throws IOException {
        Path file = SigJson.valid().withString("signed_at", "2026-01-28t13:00:00.25+01:00").writeTo(folder);

        assertThat(files.read(file).signedAt()).isEqualTo(Instant.parse("2026-01-28T12:00:00.25Z"));
    }

    @Test
    void a_file_of_exactly_64_KiB_is_still_read() throws IOException {
        String json = SampleSignatures.HELLO_WORLD_JSON;
        byte[] padded = (json + " ".repeat(65536 - json.length())).getBytes(StandardCharsets.UTF_8);

        assertThat(padded).hasSize(65536);
        assertThat(files.read(SigJson.write(folder, padded))).isEqualTo(SampleSignatures.helloWorld());
    }

    @Test
    void a_missing_file_is_SignatureNotFound_naming_the_path() {
        Path missing = folder.resolve("nothing.pkg.sig");

        assertThatThrownBy(() -> files.read(missing))
                .isInstanceOf(SignatureNotFound.class)
                .hasMessageContaining("no " + missing);
    }

    @Test
    void a_path_below_a_regular_file_is_SignatureNotFound() throws IOException {
        Path regularFile = Files.writeString(folder.resolve("package.pkg"), "hello world");

        assertThatThrownBy(() -> files.read(regularFile.resolve("x.sig")))
                .isInstanceOf(SignatureNotFound.class);
    }

    @Test
    void a_directory_is_MalformedSignature_saying_it_is_not_a_regular_file() throws IOException {
        Path directory = Files.createDirectory(folder.resolve("package.pkg.sig"));

        assertThatThrownBy(() -> files.read(directory))
                .isInstanceOf(MalformedSignature.class)
                .hasMessageEndingWith(": " + directory + " is a directory, not a regular file");
    }

    @Test
    void a_fifo_is_MalformedSignature_and_is_never_opened() throws Exception {
        Path fifo = folder.resolve("package.pkg.sig");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
        assertThat(mkfifo.waitFor()).as("mkfifo").isZero();

        // Opening it would block this thread until a writer came; the timeout makes a regression fail, not hang.
        assertThat(org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(10),
                () -> catchThrowable(() -> files.read(fifo))))
                .isInstanceOf(MalformedSignature.class)
                .hasMessageEndingWith(": " + fifo + " is a FIFO, not a regular file");
    }

    @Test
    void a_file_that_cannot_be_read_is_SignatureFileNotReadable_naming_it_never_MalformedSignature()
            throws IOException {
        // /proc/self/mem is a regular file whose read at offset 0 fails with EIO, for root too.
        Path link = Files.createSymbolicLink(folder.resolve("package.pkg.sig"), Path.of("/proc/self/mem"));

        assertThatThrownBy(() -> files.read(link))
                .isInstanceOf(SignatureFileNotReadable.class)
                .hasMessageStartingWith("cannot read signature file " + link + ": ")
                .hasMessageNotContaining("\n");
    }
}
