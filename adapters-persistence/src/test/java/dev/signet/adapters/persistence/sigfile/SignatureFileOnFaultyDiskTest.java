package dev.signet.adapters.persistence.sigfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signet.application.port.out.SignatureFileNotWritten;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The .sig target folder read-only, or its disk full, for real (see {@link FaultyFolder}): the write is
 * SignatureFileNotWritten with a one-line reason, no .sig and no temporary file is left behind, and a .sig
 * that was already there keeps every byte.
 */
class SignatureFileOnFaultyDiskTest {
    private final JsonDetachedSignatureFiles files = new JsonDetachedSignatureFiles();

    @TempDir
    Path dir;

    @Test
    void a_read_only_folder_is_SignatureFileNotWritten_and_nothing_appears() throws IOException {
        try (FaultyFolder folder = FaultyFolder.create(dir, "out")) {
            Path target = folder.path().resolve("package.pkg.sig");
            folder.makeReadOnly();

            assertNotWritten(target, "Read-only file system|permission denied");

            assertThat(folder.names()).isEmpty();
        }
    }

    @Test
    void a_read_only_folder_leaves_an_existing_signature_file_untouched() throws IOException {
        try (FaultyFolder folder = FaultyFolder.create(dir, "out")) {
            Path target = folder.path().resolve("package.pkg.sig");
            files.write(target, SampleSignatures.signedAt(Instant.parse("2020-01-01T00:00:00Z")));
            byte[] before = Files.readAllBytes(target);
            folder.makeReadOnly();

            assertNotWritten(target, "Read-only file system|permission denied");

            assertThat(Files.readAllBytes(target)).isEqualTo(before);
            assertThat(folder.names()).containsExactly("package.pkg.sig");
        }
    }

    @Test
    void a_full_disk_is_SignatureFileNotWritten_and_leaves_no_empty_or_temporary_file() throws IOException {
        try (FaultyFolder folder = FaultyFolder.create(dir, "out")) {
            Path target = folder.path().resolve("package.pkg.sig");
            folder.fill();

            assertNotWritten(target, "No space left on device");

            assertThat(folder.names()).isEmpty();
        }
    }

    @Test
    void overwriting_a_good_signature_file_on_a_full_disk_does_not_truncate_it() throws IOException {
        try (FaultyFolder folder = FaultyFolder.create(dir, "out")) {
            Path target = folder.path().resolve("package.pkg.sig");
            files.write(target, SampleSignatures.signedAt(Instant.parse("2020-01-01T00:00:00Z")));
            byte[] before = Files.readAllBytes(target);
            folder.fill();

            assertNotWritten(target, "No space left on device");

            assertThat(Files.readAllBytes(target)).isEqualTo(before);
            assertThat(files.read(target)).isEqualTo(SampleSignatures.signedAt(Instant.parse("2020-01-01T00:00:00Z")));
            assertThat(folder.names()).containsExactly("package.pkg.sig");
        }
    }

    private void assertNotWritten(Path target, String reasonPattern) {
        assertThatThrownBy(() -> files.write(target, SampleSignatures.helloWorld()))
                .isInstanceOf(SignatureFileNotWritten.class)
                .hasMessageStartingWith("cannot write signature file " + target + ": ")
                .hasMessageMatching("(?s).*(" + reasonPattern + ").*")
                .hasMessageNotContaining("\n")
                .hasMessageNotContaining("Exception");
    }
}
