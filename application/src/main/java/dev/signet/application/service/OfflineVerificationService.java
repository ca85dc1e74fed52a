package dev.signet.application.service;

import dev.signet.application.port.in.VerifyPackageOfflineUseCase;
import dev.signet.application.port.out.AuditTrail;
import dev.signet.application.port.out.DetachedSignatureFiles;
import dev.signet.application.port.out.PackageHasher;
import dev.signet.application.port.out.SignatureVerifier;
import dev.signet.domain.audit.AuditEvent;
import dev.signet.domain.key.Ed25519PublicKey;
import dev.signet.domain.signature.PackageHash;
import dev.signet.domain.signature.PackageSignature;
import dev.signet.domain.time.TimeBasis;
import dev.signet.domain.verification.SignatureNotFound;
import dev.signet.domain.verification.SignatureOrigin;
import dev.signet.domain.verification.VerificationFailure;
import dev.signet.domain.verification.VerifiedPackage;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/**
 * Offline verification, checked in compat.md's order: the file parses (MalformedSignature), the package
 * is the one signed (TamperedPackage), the signer is the given key (UntrustedSigner), the Ed25519
 * signature holds (InvalidSignature).
 */
public final class OfflineVerificationService implements VerifyPackageOfflineUseCase {
    private final PackageHasher hasher;
    private final SignatureChecks checks;
    private final DetachedSignatureFiles signatureFiles;
    private final AuditTrail audit;
    private final Clock clock;

    public OfflineVerificationService(PackageHasher hasher, SignatureVerifier verifier,
            DetachedSignatureFiles signatureFiles, AuditTrail audit) {
        this(hasher, verifier, signatureFiles, audit, Clock.systemUTC());
    }

    public OfflineVerificationService(PackageHasher hasher, SignatureVerifier verifier,
            DetachedSignatureFiles signatureFiles, AuditTrail audit, Clock clock) {
        this.clock = clock;
        this.hasher = hasher;
        this.checks = new SignatureChecks(verifier);
        this.signatureFiles = signatureFiles;
        this.audit = audit;
    }

    @Override
    public VerifiedPackage verify(Command command) {
        Optional<PackageSignature> signature = Optional.empty();
        Optional<PackageHash> actualHash = Optional.empty();
        try {
            Path signatureFile = command.signatureFile()
                    .or(() -> SignatureSidecar.find(command.packageFile()))
                    .orElseThrow(() -> new SignatureNotFound("no " + SignatureSidecar.defaultFor(command.packageFile())));
            signature = Optional.of(signatureFiles.read(signatureFile));
            actualHash = Optional.of(hasher.hash(command.packageFile()));
            VerifiedPackage verified = check(signature.get(), actualHash.get(), command.publicKey(),
                    timeBasisOf(signature.get()));
            audit.record(new AuditEvent.VerificationSucceeded(Optional.empty(), verified.packageHash(),
                    verified.signerFingerprint(), Optional.empty(), Optional.of(verified.timeBasis())));
            return verified;
        } catch (VerificationFailure failure) {
            audit.record(new AuditEvent.VerificationFailed(Optional.empty(), actualHash, failure.auditReason(),
                    signature.map(PackageSignature::keyFingerprint), OnlineVerificationService.timeBasisOf(failure)));
            throw failure;
        }
    }

    /**
     * The time the signature is judged at. Offline there is no revocation to judge, yet the result says its basis;
     * the one place a timestamp check (issue 14, the TSA part) replaces.
     */
    private TimeBasis timeBasisOf(PackageSignature signature) {
        return TimeBasis.currentTime(clock.instant());
    }

    private VerifiedPackage check(PackageSignature signature, PackageHash actualHash, Ed25519PublicKey publicKey,
            TimeBasis basis) {
        return checks.check(signature, actualHash, SignatureOrigin.FILE,
                fingerprint -> Optional.of(new SignatureChecks.TrustedSigner(publicKey, Optional.empty()))
                        .filter(signer -> fingerprint.equals(publicKey.fingerprint())),
                "is not the given public key " + publicKey.fingerprint().hex(), basis);
    }
}
