package dev.signet.application.port.in;

import dev.signet.domain.Require;
import dev.signet.domain.key.Ed25519PublicKey;
import dev.signet.domain.time.TsaCertificate;
import dev.signet.domain.verification.VerifiedPackage;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Verify a package against a detached signature and one public key, with no database: the key the
 * caller names is the only key trusted.
 */
public interface VerifyPackageOfflineUseCase {

    /**
     * @throws dev.signet.domain.verification.VerificationFailure one of the five typed failures
     */
    VerifiedPackage verify(Command command);

    /**
     * {@code signatureFile} defaults to the package's sidecar (PACKAGE.sig, or Cloacina's pkg..sig). A
     * timestamp token in the signature counts only against {@code tsaCertificates}; with none, it is not
     * checked (the result's time basis says so) and the verification judges at the current time.
     */
    record Command(Path packageFile, Optional<Path> signatureFile, Ed25519PublicKey publicKey,
            List<TsaCertificate> tsaCertificates) {
        public Command {
            Require.present(packageFile, "package file");
            Require.present(signatureFile, "signature file");
            Require.present(publicKey, "public key");
            tsaCertificates = List.copyOf(Require.present(tsaCertificates, "TSA certificates"));
        }

        public Command(Path packageFile, Optional<Path> signatureFile, Ed25519PublicKey publicKey) {
            this(packageFile, signatureFile, publicKey, List.of());
        }
    }
}
