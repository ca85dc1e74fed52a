package dev.signet.adapters.persistence.sigfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signet.application.port.out.SignatureFileNotWritten;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tests run as root, where a read-only folder is still writable; failures are provoked through paths that no
 * permission can make writable instead.
 */
class AtomicSignatureFileWriteTest {
    private final JsonDetachedSignatureFiles files = new JsonDetachedSignatureFiles();

    @TempDir
    Path folder;

    @Test
    void write_leaves_only_the_signature_file_in_the_folder() throws IOException {
        Path file = folder.resolve("package.pkg.sig");

        files.write(file, SampleSignatures.helloWorld());

        assertThat(namesIn(folder)).containsExactly("package.pkg.sig");
    }

    @Test
    void overwriting_an_existing_signature_file_replaces_it_whole() throws IOException {
        Path file = folder.resolve("package.pkg.sig");
        Files.writeString(file, "x".repeat(5000));
        files.write(file, SampleSignatures.signedAt(Instant.parse("2020-01-01T00:00:00Z")));

        files.write(file, SampleSignatures.helloWorld());

        assertThat(Files.readAllBytes(file)).isEqualTo(files.encode(SampleSignatures.helloWorld()));
        assertThat(namesIn(folder)).containsExactly("package.pkg.sig");
    }

    @Test
    void the_written_file_is_readable_by_everyone_and_writable_by_its_owner_only() throws IOException {
        Assumptions.assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"),
                "POSIX permissions are not supported here");
        Path file = folder.resolve("package.pkg.sig");
        Files.writeString(file, "old");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));

        files.write(file, SampleSignatures.helloWorld());

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-r--r--");
    }

    @Test
    void a_relative_path_is_written_next_to_where_it_points() throws IOException {
        Path relative = Path.of("").toAbsolutePath().relativize(folder.resolve("package.pkg.sig"));

        files.write(relative, SampleSignatures.helloWorld());

        assertThat(files.read(folder.resolve("package.pkg.sig"))).isEqualTo(SampleSignatures.helloWorld());
    }

    @Test
    void a_target_whose_parent_is_a_regular_file_is_SignatureFileNotWritten_and_leaves_nothing_behind()
            throws IOException {
        Path notAFolder = Files.writeString(folder.resolve("package.pkg"), "hello world");
        Path target = notAFolder.resolve("package.pkg.sig");

        assertThatThrownBy(() -> files.write(target, SampleSignatures.helloWorld()))
                .isInstanceOf(SignatureFileNotWritten.class)
                .hasMessageStartingWith("cannot write signature file " + target + ": ")
                .hasMessageNotContaining("\n")
                .hasCauseInstanceOf(IOException.class);
        assertThat(namesIn(folder)).containsExactly("package.pkg");
        assertThat(Files.readString(notAFolder)).isEqualTo("hello world");
    }

    @Test
    void a_target_in_a_missing_folder_is_SignatureFileNotWritten() {
        Path target = folder.resolve("missing").resolve("package.pkg.sig");

        assertThatThrownBy(() -> files.write(target, SampleSignatures.helloWorld()))
                .isInstanceOf(SignatureFileNotWritten.class)
                .hasMessageContaining(target.toString());
        assertThat(Files.exists(folder.resolve("missing"))).isFalse();
    }

    @Test
    void a_target_that_is_a_non_empty_directory_is_SignatureFileNotWritten_and_no_temporary_file_remains()
            throws IOException {
        Path target = Files.createDirectory(folder.resolve("package.pkg.sig"));
        Files.writeString(target.resolve("keep.txt"), "keep");

        assertThatThrownBy(() -> files.write(target, SampleSignatures.helloWorld()))
                .isInstanceOf(SignatureFileNotWritten.class)
                .hasMessageStartingWith("cannot write signature file " + target + ": ")
                .hasMessageNotContaining("\n");
        assertThat(namesIn(folder)).containsExactly("package.pkg.sig");
        assertThat(Files.isDirectory(target)).isTrue();
        assertThat(Files.readString(target.resolve("keep.txt"))).isEqualTo("keep");
    }

    @Test
    void a_target_that_is_an_empty_directory_is_SignatureFileNotWritten_and_no_temporary_file_remains()
            throws IOException {
        Path target = Files.createDirectory(folder.resolve("package.pkg.sig"));

        assertThatThrownBy(() -> files.write(target, SampleSignatures.helloWorld()))
                .isInstanceOf(SignatureFileNotWritten.class);
        assertThat(namesIn(folder)).containsExactly("package.pkg.sig");
        assertThat(Files.isDirectory(target)).isTrue();
    }

    @Test
    void a_failed_write_leaves_an_existing_signature_file_untouched() throws IOException {
        Path file = folder.resolve("package.pkg.sig");
        files.write(file, SampleSignatures.helloWorld());
        byte[] before = Files.readAllBytes(file);

        assertThatThrownBy(() -> files.write(file, SampleSignatures.signedAt(Instant.parse("+10000-01-01T00:00:00Z"))))
                .isInstanceOf(SignatureFileNotWritten.class);

        assertThat(Files.readAllBytes(file)).isEqualTo(before);
        assertThat(namesIn(folder)).containsExactly("package.pkg.sig");
    }

    @Test
    void a_very_long_file_name_does_not_make_the_temporary_name_too_long() throws IOException {
        Path file = folder.resolve("p".repeat(240) + ".sig");

        files.write(file, SampleSignatures.helloWorld());

        assertThat(files.read(file)).isEqualTo(SampleSignatures.helloWorld());
        assertThat(namesIn(folder)).hasSize(1);
    }

    private static List<String> namesIn(Path folder) throws IOException {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.map(path -> path.getFileName().toString()).sorted().toList();
        }
    }
}
