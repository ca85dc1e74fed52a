package dev.signet.application.port.out;

import dev.signet.domain.Require;
import dev.signet.domain.signature.PackageHash;
import java.nio.file.Path;

/**
 * Copies a package to a file only this process can write, hashing the very bytes it copies, so that
 * what is verified is what gets loaded.
 */
public interface PackageStaging {
    /**
     * @throws PackageNotReadable when the package is not a regular file or cannot be read or copied
     * @throws PackageTooLarge when it holds more than {@code maxBytes}; no copy is left behind
     */
    StagedPackage stage(Path packageFile, long maxBytes);

    /** Deletes a copy that will not be handed over. */
    void discard(StagedPackage staged);

    record StagedPackage(Path copy, PackageHash hash) {
        public StagedPackage {
            Require.present(copy, "copy");
            Require.present(hash, "hash");
        }
    }
}
