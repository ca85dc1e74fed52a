package dev.signet.application.service;

import dev.signet.application.port.in.LoadPackageUseCase;
import dev.signet.application.port.in.SecurityConfig;
import dev.signet.application.port.out.AuditTrail;
import dev.signet.application.port.out.PackageStaging;
import dev.signet.application.port.out.SignatureFileNotReadable;
import dev.signet.application.port.out.PackageTooLarge;
import dev.signet.domain.audit.AuditEvent;
import dev.signet.domain.organization.OrganizationId;
import dev.signet.domain.verification.SignatureNotFound;
import dev.signet.domain.verification.VerificationFailure;
import dev.signet.domain.verification.VerifiedPackage;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The gate a workflow engine loads packages through. The package is first copied to a private file,
 * hashing exactly the bytes copied; the signature is checked against that hash; only then is the copy
 * handed over. With requireSignatures off, a package with no signature at all loads (the audit says
 * signature_verified=false), but a signature that is present and bad still stops it: a broken signature
 * is evidence of tampering, not the absence of a signature.
 */
public final class PackageLoaderService implements LoadPackageUseCase {
    private final PackageStaging staging;
    private final OnlineVerificationService verification;
    private final SecurityConfig config;
    private final AuditTrail audit;

    public PackageLoaderService(PackageStaging staging, OnlineVerificationService verification, SecurityConfig config,
            AuditTrail audit) {
        this.staging = staging;
        this.verification = verification;
        this.config = config;
        this.audit = audit;
    }

    @Override
    public LoadedPackage load(Path packageFile, OrganizationId organization) {
        String path = packageFile.toString();
        PackageStaging.StagedPackage staged;
        try {
            staged = staging.stage(packageFile, config.maxLoadBytes());
        } catch (RuntimeException e) {
            FailureEvents.record(audit, new AuditEvent.PackageLoadFailed(organization, path, e.getMessage(),
                    e instanceof PackageTooLarge ? "too_large" : "unreadable"), e);
            throw e;
        }
        try {
            Optional<VerifiedPackage> verified = verify(packageFile, staged, organization);
            // the copy is handed over only once the load's record is durable: nothing loads unrecorded
            audit.record(new AuditEvent.PackageLoadSucceeded(organization, path, staged.hash(),
                    verified.map(VerifiedPackage::signerFingerprint), verified.isPresent(),
                    verified.map(VerifiedPackage::timeBasis)));
            return new LoadedPackage(staged.copy(), staged.hash(), verified);
        } catch (VerificationFailure failure) {
            staging.discard(staged);
            FailureEvents.record(audit, new AuditEvent.PackageLoadFailed(organization, path,
                    Optional.of(staged.hash()), OnlineVerificationService.signerOf(failure), failure.getMessage(),
                    failure.auditReason(), OnlineVerificationService.timeBasisOf(failure)), failure);
            throw failure;
        } catch (SignatureFileNotReadable unreadable) {
            staging.discard(staged);
            FailureEvents.record(audit, new AuditEvent.PackageLoadFailed(organization, path,
                    Optional.of(staged.hash()), Optional.empty(), unreadable.getMessage(),
                    OnlineVerificationService.SIGNATURE_UNREADABLE), unreadable);
            throw unreadable;
        } catch (RuntimeException e) {
            staging.discard(staged);
            throw e;
        }
    }

    /** The verified signature; empty for a package with none at all when signatures are not required. */
    private Optional<VerifiedPackage> verify(Path packageFile, PackageStaging.StagedPackage staged,
            OrganizationId organization) {
        try {
            return Optional.of(verification.verifyStaged(packageFile, staged.hash(), organization));
        } catch (SignatureNotFound unsigned) {
            if (config.requireSignatures()) {
                throw unsigned;
            }
            return Optional.empty();
        }
    }
}
