package dev.signet.bootstrap;

import dev.signet.application.port.in.ExplainTrustUseCase;
import dev.signet.application.port.in.SignatureSource;
import dev.signet.application.port.in.VerifyPackageUseCase;
import dev.signet.domain.key.KeyFingerprint;
import dev.signet.domain.organization.OrganizationId;
import dev.signet.domain.trust.TrustExplanation;
import dev.signet.domain.trust.TrustPath;
import dev.signet.domain.verification.VerifiedPackage;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/** Online verification against an organization's effective trust (its own keys and its grants). */
public final class PackageVerifier {
    private final VerifyPackageUseCase verification;
    private final ExplainTrustUseCase explanation;

    PackageVerifier(VerifyPackageUseCase verification, ExplainTrustUseCase explanation) {
        this.verification = verification;
        this.explanation = explanation;
    }

    /**
     * @throws dev.signet.domain.verification.VerificationFailure TamperedPackage, UntrustedSigner,
     *     InvalidSignature, SignatureNotFound or MalformedSignature
     */
    public VerifiedPackage verifyPackage(Path packageFile, OrganizationId organization, SignatureSource source) {
        return verification.verify(new VerifyPackageUseCase.Command(packageFile, organization, source));
    }

    /** As above with an explicit signature file. */
    public VerifiedPackage verifyPackage(Path packageFile, OrganizationId organization, Path signatureFile) {
        return verification.verify(new VerifyPackageUseCase.Command(packageFile, organization, SignatureSource.FILE,
                Optional.of(signatureFile)));
    }

    /** The use case itself, for callers that set every option of a verification. */
    public VerifiedPackage verify(VerifyPackageUseCase.Command command) {
        return verification.verify(command);
    }

    /** Why the organization trusts the key now (organization -> child -> ... -> key), or empty. */
    public Optional<TrustPath> explainTrust(OrganizationId organization, KeyFingerprint fingerprint) {
        return trustExplanation(organization, fingerprint).trustPath();
    }

    /**
     * Why the organization trusts the key now, for a signature without a trusted time, or why not: the denies in
     * its way, the key's validity window, or that nobody it reaches does.
     */
    public TrustExplanation trustExplanation(OrganizationId organization, KeyFingerprint fingerprint) {
        return trustExplanation(organization, fingerprint, Optional.empty()).explanation();
    }

    /** As above, for a signature whose trusted time is {@code trustedTimeAt} when given, with the basis judged at. */
    public ExplainTrustUseCase.Explained trustExplanation(OrganizationId organization, KeyFingerprint fingerprint,
            Optional<Instant> trustedTimeAt) {
        return explanation.explain(organization, fingerprint, trustedTimeAt);
    }
}
