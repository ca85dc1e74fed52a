package dev.signet.application.port.in;

import dev.signet.domain.Require;
import dev.signet.domain.organization.OrganizationId;
import dev.signet.domain.signature.PackageHash;
import dev.signet.domain.verification.VerifiedPackage;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The package-loading gate. The caller receives a private copy of the package whose bytes are exactly
 * the bytes that were hashed and verified, so swapping the original file after the check smuggles
 * nothing through. With requireSignatures on, only packages that verify are handed over.
 */
public interface LoadPackageUseCase {

    /** @throws dev.signet.domain.verification.VerificationFailure when the package may not load */
    LoadedPackage load(Path packageFile, OrganizationId organization);

    /**
     * @param path the private copy to load; the caller deletes it when done
     * @param verification empty only when signatures are not required and the package had none
     */
    record LoadedPackage(Path path, PackageHash packageHash, Optional<VerifiedPackage> verification) {
        public LoadedPackage {
            Require.present(path, "path");
            Require.present(packageHash, "package hash");
            Require.present(verification, "verification");
        }

        public boolean signatureVerified() {
            return verification.isPresent();
        }
    }
}
