package dev.signet.application.port.in;

import dev.signet.domain.Require;
import dev.signet.domain.key.Ed25519PrivateKey;
import dev.signet.domain.signature.PackageSignature;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/** Sign a package with a private key the caller holds, and write the detached {@code .sig} file. */
public interface SignPackageOfflineUseCase {

    SignedPackage sign(Command command);

    /**
     * {@code signatureFile} defaults to the package's sidecar, PACKAGE.sig. With a {@code tsaUrl}, the
     * signature is timestamped by that RFC 3161 TSA before the file is written; if the TSA gives no token that
     * holds, the signing fails with TimestampFailed and nothing is written.
     */
    record Command(Path packageFile, Ed25519PrivateKey privateKey, Optional<Path> signatureFile,
            Optional<URI> tsaUrl) {
        public Command {
            Require.present(packageFile, "package file");
            Require.present(privateKey, "private key");
            Require.present(signatureFile, "signature file");
            Require.present(tsaUrl, "TSA URL");
        }

        public Command(Path packageFile, Ed25519PrivateKey privateKey, Optional<Path> signatureFile) {
            this(packageFile, privateKey, signatureFile, Optional.empty());
        }
    }

    record SignedPackage(PackageSignature signature, Path signatureFile) {
        public SignedPackage {
            Require.present(signature, "signature");
            Require.present(signatureFile, "signature file");
        }
    }
}
