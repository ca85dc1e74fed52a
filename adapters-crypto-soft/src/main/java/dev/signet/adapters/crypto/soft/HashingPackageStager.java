package dev.signet.adapters.crypto.soft;

import dev.signet.application.port.out.PackageNotReadable;
import dev.signet.application.port.out.PackageStaging;
import dev.signet.domain.signature.PackageHash;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Stages packages for loading: one pass reads the original, writes a private copy (owner-only folder
 * and file) and hashes the bytes written. Verifying that hash and handing over the copy closes the gap
 * between checking a file and using it: whatever happens to the original afterwards, the copy holds
 * the verified bytes.
 */
public final class HashingPackageStager implements PackageStaging {
    private final StreamingPackageHasher hasher;
    private final Path stagingFolder;

    /** Stages under a new owner-only folder in the system's temporary folder. */
    public HashingPackageStager(StreamingPackageHasher hasher) {
        this(hasher, createPrivateFolder());
    }

    public HashingPackageStager(StreamingPackageHasher hasher, Path stagingFolder) {
        this.hasher = hasher;
        this.stagingFolder = stagingFolder;
    }

    @Override
    public StagedPackage stage(Path packageFile) {
        Path copy;
        try {
            copy = Files.createTempFile(stagingFolder, "package-", ".staged", ownerOnly("rw-------"));
        } catch (IOException e) {
            throw new PackageNotReadable(packageFile, "cannot create a private copy in " + stagingFolder + ": "
                    + StreamingPackageHasher.reason(e), e);
        }
        try (FileChannel target = FileChannel.open(copy, StandardOpenOption.WRITE)) {
            PackageHash hash = hasher.hashCopying(packageFile, target);
            target.force(true);
            return new StagedPackage(copy, hash);
        } catch (IOException | RuntimeException e) {
            deleteQuietly(copy);
            if (e instanceof PackageNotReadable notReadable) {
                throw notReadable;
            }
            throw new PackageNotReadable(packageFile, "cannot copy it to " + copy + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void discard(StagedPackage staged) {
        deleteQuietly(staged.copy());
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a leftover copy in the private folder is harmless; the caller's error matters more
        }
    }

    private static Path createPrivateFolder() {
        try {
            return Files.createTempDirectory("signet-staged-", ownerOnly("rwx------"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the package staging folder", e);
        }
    }

    private static FileAttribute<?>[] ownerOnly(String permissions) {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions))}
                : new FileAttribute<?>[0];
    }
}
