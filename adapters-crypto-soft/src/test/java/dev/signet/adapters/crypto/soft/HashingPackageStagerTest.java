package dev.signet.adapters.crypto.soft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signet.application.port.out.PackageNotReadable;
import dev.signet.application.port.out.PackageStaging;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HashingPackageStagerTest {
    @TempDir
    Path dir;

    @Test
    void the_copy_holds_exactly_the_hashed_bytes_and_survives_changes_to_the_original() throws Exception {
        byte[] content = new byte[3 * 1024 * 1024 + 5];
        new Random(7).nextBytes(content);
        Path original = Files.write(dir.resolve("plugin.so"), content);
        StreamingPackageHasher hasher = new StreamingPackageHasher();
        HashingPackageStager stager = new HashingPackageStager(hasher, Files.createDirectory(dir.resolve("staging")));

        PackageStaging.StagedPackage staged = stager.stage(original);
        Files.write(original, new byte[] {1, 2, 3});

        assertThat(staged.copy()).hasBinaryContent(content);
        assertThat(staged.hash()).isEqualTo(hasher.hash(staged.copy()));
        assertThat(Files.getPosixFilePermissions(staged.copy())).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }

    @Test
    void the_default_staging_folder_is_owner_only() throws Exception {
        Path original = Files.writeString(dir.resolve("plugin.so"), "bytes");
        PackageStaging.StagedPackage staged = new HashingPackageStager(new StreamingPackageHasher()).stage(original);
        try {
            assertThat(Files.getPosixFilePermissions(staged.copy().getParent()))
                    .isEqualTo(PosixFilePermissions.fromString("rwx------"));
        } finally {
            Files.delete(staged.copy());
        }
    }

    @Test
    void a_missing_package_leaves_no_copy_behind() throws Exception {
        Path staging = Files.createDirectory(dir.resolve("staging"));
        HashingPackageStager stager = new HashingPackageStager(new StreamingPackageHasher(), staging);
        assertThatThrownBy(() -> stager.stage(dir.resolve("absent.so"))).isInstanceOf(PackageNotReadable.class);
        try (var left = Files.list(staging)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void discard_deletes_the_copy() throws Exception {
        Path original = Files.writeString(dir.resolve("plugin.so"), "bytes");
        HashingPackageStager stager = new HashingPackageStager(new StreamingPackageHasher(),
                Files.createDirectory(dir.resolve("staging")));
        PackageStaging.StagedPackage staged = stager.stage(original);
        stager.discard(staged);
        assertThat(staged.copy()).doesNotExist();
    }
}
