package dev.signet.bootstrap;

import dev.signet.application.port.in.VerifyPackageOfflineUseCase;
import dev.signet.domain.verification.VerifiedPackage;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Offline verification for integrators: a package, its detached signature and the one public key
 * trusted, no database. Failures are the sealed
 * {@link dev.signet.domain.verification.VerificationFailure} family.
 */
public final class Verification {
    private static final OfflineComponents COMPONENTS = new OfflineComponents();

    private Verification() {
    }

    /**
     * @param publicKey PEM ("PUBLIC KEY"), 32 raw bytes or 64 hex characters
     * @throws dev.signet.domain.verification.VerificationFailure when the package does not verify
     */
    public static VerifiedPackage verifyPackageOffline(Path packageFile, Path signatureFile, byte[] publicKey) {
        return COMPONENTS.verification().verify(new VerifyPackageOfflineUseCase.Command(packageFile,
                Optional.of(signatureFile), COMPONENTS.publicKeys().read(publicKey)));
    }
}
