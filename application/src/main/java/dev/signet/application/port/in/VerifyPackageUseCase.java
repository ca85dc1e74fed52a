package dev.signet.application.port.in;

import dev.signet.domain.Require;
import dev.signet.domain.organization.OrganizationId;
import dev.signet.domain.verification.VerifiedPackage;
import java.nio.file.Path;
import java.util.Optional;

/** Online verification: against everything an organization trusts, directly or through its grants. */
public interface VerifyPackageUseCase {

    /** @throws dev.signet.domain.verification.VerificationFailure one of the five typed failures */
    VerifiedPackage verify(Command command);

    /** {@code signatureFile} overrides the sidecar look-up (with AUTO or FILE). */
    record Command(Path packageFile, OrganizationId organization, SignatureSource source,
            Optional<Path> signatureFile) {
        public Command {
            Require.present(packageFile, "package file");
            Require.present(organization, "organization");
            Require.present(source, "signature source");
            Require.present(signatureFile, "signature file");
        }

        public Command(Path packageFile, OrganizationId organization, SignatureSource source) {
            this(packageFile, organization, source, Optional.empty());
        }
    }
}
