package dev.signet.application.port.in;

import dev.signet.domain.Require;
import dev.signet.domain.organization.OrganizationId;
import dev.signet.domain.principal.Principal;
import dev.signet.domain.signature.PackageHash;
import dev.signet.domain.verification.VerifiedPackage;
import java.util.Optional;

/**
 * Online verification of a package the caller hashed, for a principal of the organization whose trust decides:
 * against the given {@code .sig} content, or (absent) the signatures stored for the hash.
 */
public interface VerifyDigestUseCase {

    /**
     * @throws dev.signet.domain.verification.VerificationFailure one of the five typed failures
     * @throws dev.signet.domain.principal.Forbidden when the principal may not verify for that organization
     */
    VerifiedPackage verifyDigest(DigestCommand command);

    record DigestCommand(Principal principal, OrganizationId organization, PackageHash packageHash,
            Optional<byte[]> signatureJson) {
        public DigestCommand {
            Require.present(principal, "principal");
            Require.present(organization, "organization");
            Require.present(packageHash, "package hash");
            signatureJson = Require.present(signatureJson, "signature").map(byte[]::clone);
        }
    }
}
