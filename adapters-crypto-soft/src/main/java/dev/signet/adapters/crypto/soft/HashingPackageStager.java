package dev.signet.adapters.crypto.soft;

import dev.signet.application.port.out.PackageNotReadable;
import dev.signet.application.port.out.PackageStaging;
import dev.signet.application.port.out.PackageTooLarge;
import dev.signet.domain.signature.PackageHash;
import java.io.IOException;
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
 *
 * <p>The copies go to a folder of this process's own under {@code parent} (see {@link StagingFolders}), made
 * on the first {@link #stage} and removed by {@link #close} once it holds no copy a caller still has; leftovers
 * of processes that were killed are swept when a stager is made.
 */
public final class HashingPackageStager implements PackageStaging, AutoCloseable {
    private final StreamingPackageHasher hasher;
    private final Path parent;
    private Path stagingFolder;

    /**
     * Stages under {@code parent} (created owner-only when first needed), after sweeping the staging folders
     * there that belong to processes no longer running.
     */
    public HashingPackageStager(StreamingPackageHasher hasher, Path parent) {
        this.hasher = hasher;
        this.parent = parent.toAbsolutePath();
        StagingFolders.sweepStale(this.parent);
    }

    @Override
    public StagedPackage stage(Path packageFile, long maxBytes) {
        Path folder = folder(packageFile);
        Path copy;
        try {
            copy = Files.createTempFile(folder, "package-", ".staged", ownerOnly("rw-------"));
        } catch (IOException e) {
            throw new PackageNotReadable(packageFile, "cannot create a private copy in " + folder + ": "
                    + StreamingPackageHasher.reason(e), e);
        }
        try (FileChannel target = FileChannel.open(copy, StandardOpenOption.WRITE)) {
            PackageHash hash = hasher.hashCopying(packageFile, target, maxBytes);
            target.force(true);
            return new StagedPackage(copy, hash);
        } catch (IOException | RuntimeException e) {
            deleteQuietly(copy);
            if (e instanceof PackageNotReadable || e instanceof PackageTooLarge) {
                throw (RuntimeException) e;
            }
            throw new PackageNotReadable(packageFile, "cannot copy it to " + copy + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void discard(StagedPackage staged) {
        deleteQuietly(staged.copy());
    }

    /**
     * Removes this process's staging folder if it holds no copy; a copy handed over and not yet moved away is
     * the caller's, so it stays (and its folder with it, until a later start sweeps it once this process is gone).
     */
    @Override
    public synchronized void close() {
        if (stagingFolder != null) {
            try {
                Files.deleteIfExists(stagingFolder);
                stagingFolder = null;
            } catch (IOException notEmptyOrGone) {
                // a copy is still there; see above
            }
        }
    }

    /** Where copies go; made on first use, so that a command that stages nothing leaves nothing. */
    synchronized Path folder(Path packageFile) {
        if (stagingFolder == null || !Files.isDirectory(stagingFolder)) {
            try {
                stagingFolder = StagingFolders.create(parent);
            } catch (IOException e) {
                throw new PackageNotReadable(packageFile, "cannot create the staging folder in " + parent + ": "
                        + StreamingPackageHasher.reason(e), e);
            }
        }
        return stagingFolder;
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a leftover copy in the private folder is harmless; the caller's error matters more
        }
    }

    static FileAttribute<?>[] ownerOnly(String permissions) {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions))}
                : new FileAttribute<?>[0];
    }
}
