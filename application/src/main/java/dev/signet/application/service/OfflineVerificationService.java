package dev.signet.application.service;

import dev.signet.application.port.in.VerifyPackageOfflineUseCase;
import dev.signet.application.port.out.AuditTrail;
import dev.signet.application.port.out.DetachedSignatureFiles;
import dev.signet.application.port.out.PackageHasher;
import dev.signet.application.port.out.SignatureVerifier;
import dev.signet.application.port.out.TimestampVerifier;
import dev.signet.domain.audit.AuditEvent;
import dev.signet.domain.key.Ed25519PublicKey;
import dev.signet.domain.signature.PackageHash;
import dev.signet.domain.signature.PackageSignature;
import dev.signet.domain.time.TimeBasis;
import dev.signet.domain.verification.SignatureNotFound;
import dev.signet.domain.verification.SignatureOrigin;
import dev.signet.domain.verification.VerificationFailure;
import dev.signet.domain.verification.VerifiedPackage;
import dev.signet.domain.time.TsaCertificate;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Offline verification, checked in compat.md's order: the file parses (MalformedSignature), the package
 * is the one signed (TamperedPackage), the signer is the given key (UntrustedSigner), the Ed25519
 * signature holds (InvalidSignature). A timestamp token counts only against the command's TSA certificates;
 * without any, it is reported as not checked.
 */
public final class OfflineVerificationService implements VerifyPackageOfflineUseCase {
    private final PackageHasher hasher;
    private final SignatureChecks checks;
    private final DetachedSignatureFiles signatureFiles;
    private final AuditTrail audit;
    private final TimeBases timeBases;
    private final Clock clock;

    /** Without TSA certificates ever: a timestamp a signature carries is reported as not checked. */
    public OfflineVerificationService(PackageHasher hasher, SignatureVerifier verifier,
            DetachedSignatureFiles signatureFiles, AuditTrail audit, Clock clock) {
        this(hasher, verifier, signatureFiles, audit, TimeBases.NEVER_CALLED, clock);
    }

    public OfflineVerificationService(PackageHasher hasher, SignatureVerifier verifier,
            DetachedSignatureFiles signatureFiles, AuditTrail audit, TimestampVerifier timestamps, Clock clock) {
        this.timeBases = new TimeBases(timestamps);
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
                    timeBasisOf(signature.get(), command.tsaCertificates()));
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
     * The time the signature is judged at: the TSA's, when it carries a timestamp that chains to one of the
     * command's TSA certificates; the current time otherwise (saying why a timestamp was not checked).
     */
    private TimeBasis timeBasisOf(PackageSignature signature, List<TsaCertificate> tsas) {
        return timeBases.of(signature, tsas, clock.instant());
    }

    private VerifiedPackage check(PackageSignature signature, PackageHash actualHash, Ed25519PublicKey publicKey,
            TimeBasis basis) {
        return checks.check(signature, actualHash, SignatureOrigin.FILE,
                fingerprint -> Optional.of(new SignatureChecks.TrustedSigner(publicKey, Optional.empty()))
                        .filter(signer -> fingerprint.equals(publicKey.fingerprint())),
                "is not the given public key " + publicKey.fingerprint().hex(), basis);
    }
}
