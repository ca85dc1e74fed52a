package dev.signet.adapters.crypto.soft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.signet.application.port.out.PackageNotReadable;
import dev.signet.application.port.out.PackageStaging;
import dev.signet.application.port.out.PackageTooLarge;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HashingPackageStagerTest {
    private static final long NO_CAP = Long.MAX_VALUE;

    @TempDir
    Path dir;

    @Test
    void the_copy_holds_exactly_the_hashed_bytes_and_survives_changes_to_the_original() throws Exception {
        byte[] content = new byte[3 * 1024 * 1024 + 5];
        new Random(7).nextBytes(content);
        Path original = Files.write(dir.resolve("plugin.so"), content);
        StreamingPackageHasher hasher = new StreamingPackageHasher();
        HashingPackageStager stager = new HashingPackageStager(hasher, dir.resolve("home"));

        PackageStaging.StagedPackage staged = stager.stage(original, NO_CAP);
        Files.write(original, new byte[] {1, 2, 3});

        assertThat(staged.copy()).hasBinaryContent(content);
        assertThat(staged.hash()).isEqualTo(hasher.hash(staged.copy()));
        assertThat(Files.getPosixFilePermissions(staged.copy())).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }

    @Test
    void the_staging_folder_is_made_on_the_first_stage_owner_only_and_removed_on_close_once_empty() throws Exception {
        Path home = dir.resolve("home");
        HashingPackageStager stager = new HashingPackageStager(new StreamingPackageHasher(), home);
        assertThat(home).as("nothing is made before something is staged").doesNotExist();

        PackageStaging.StagedPackage staged = stager.stage(Files.writeString(dir.resolve("plugin.so"), "bytes"), NO_CAP);
        Path folder = staged.copy().getParent();
        assertThat(folder.getParent()).isEqualTo(home);
        assertThat(folder.getFileName().toString()).matches("signet-staged-" + ProcessHandle.current().pid() + "-[0-9]+-[0-9]+");
        assertThat(Files.getPosixFilePermissions(folder)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        assertThat(StagingFolders.isStale(folder)).as("this process runs").isFalse();

        stager.close();
        assertThat(folder).as("a copy handed over stays the caller's").isDirectory();
        stager.discard(staged);
        stager.close();
        assertThat(folder).doesNotExist();
    }

    @Test
    void a_missing_package_leaves_no_copy_behind() throws Exception {
        HashingPackageStager stager = new HashingPackageStager(new StreamingPackageHasher(), dir.resolve("home"));
        assertThatThrownBy(() -> stager.stage(dir.resolve("absent.so"), NO_CAP)).isInstanceOf(PackageNotReadable.class);
        assertThat(filesUnder(dir.resolve("home"))).isEmpty();
    }

    @Test
    void a_package_over_the_cap_is_PackageTooLarge_and_leaves_no_copy_behind() throws Exception {
        Path big = dir.resolve("big.so");
        try (RandomAccessFile file = new RandomAccessFile(big.toFile(), "rw")) {
            file.setLength(2 * 1024 * 1024 + 1);
        }
        HashingPackageStager stager = new HashingPackageStager(new StreamingPackageHasher(), dir.resolve("home"));

        assertThatThrownBy(() -> stager.stage(big, 2 * 1024 * 1024))
                .isInstanceOf(PackageTooLarge.class)
                .hasMessageContaining(big.toString()).hasMessageContaining("2097152");
        assertThat(filesUnder(dir.resolve("home"))).isEmpty();
        assertThat(stager.stage(big, 2 * 1024 * 1024 + 1).copy()).hasSize(2 * 1024 * 1024 + 1);
    }

    @Test
    void a_package_that_is_a_fifo_is_PackageNotReadable_without_blocking() throws Exception {
        Path fifo = dir.resolve("plugin.so");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start().waitFor()).isZero();
        HashingPackageStager stager = new HashingPackageStager(new StreamingPackageHasher(), dir.resolve("home"));

        Throwable thrown = Assertions.assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> catchThrowable(() -> stager.stage(fifo, NO_CAP)));

        assertThat(thrown).isInstanceOf(PackageNotReadable.class)
                .hasMessage("cannot read package " + fifo + ": it is a FIFO, not a regular file");
    }

    @Test
    void discard_deletes_the_copy() throws Exception {
        Path original = Files.writeString(dir.resolve("plugin.so"), "bytes");
        HashingPackageStager stager = new HashingPackageStager(new StreamingPackageHasher(), dir.resolve("home"));
        PackageStaging.StagedPackage staged = stager.stage(original, NO_CAP);
        stager.discard(staged);
        assertThat(staged.copy()).doesNotExist();
    }

    @Test
    void making_a_stager_sweeps_only_the_folders_of_processes_that_are_gone() throws Exception {
        Path home = Files.createDirectory(dir.resolve("home"));
        Process gone = new ProcessBuilder("sleep", "60").start();
        long start = gone.info().startInstant().orElseThrow().toEpochMilli();
        gone.destroyForcibly();
        assertThat(gone.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        Path stale = Files.createDirectory(home.resolve("signet-staged-" + gone.pid() + "-" + start + "-1"));
        Files.writeString(stale.resolve("package-1.staged"), "a copy a killed run left");
        ProcessHandle self = ProcessHandle.current();
        Path live = Files.createDirectory(home.resolve("signet-staged-" + self.pid() + "-"
                + self.info().startInstant().orElseThrow().toEpochMilli() + "-2"));
        Path unknownStart = Files.createDirectory(home.resolve("signet-staged-" + gone.pid() + "-0-3"));
        Path database = Files.writeString(home.resolve("signet.mv.db"), "not ours to touch");

        new HashingPackageStager(new StreamingPackageHasher(), home);

        assertThat(stale).doesNotExist();
        assertThat(live).isDirectory();
        assertThat(unknownStart).isDirectory();
        assertThat(database).exists();
    }

    private static List<Path> filesUnder(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return List.of();
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            return paths.filter(Files::isRegularFile).toList();
        }
    }
}
