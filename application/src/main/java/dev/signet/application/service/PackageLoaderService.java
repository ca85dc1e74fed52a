package dev.signet.application.service;

import dev.signet.application.port.in.LoadPackageUseCase;
import dev.signet.application.port.in.SecurityConfig;
import dev.signet.application.port.out.AuditTrail;
import dev.signet.application.port.out.PackageStaging;
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
        PackageStaging.StagedPackage staged;
        try {
            staged = staging.stage(packageFile, config.maxLoadBytes());
        } catch (RuntimeException e) {
            audit.record(new AuditEvent.PackageLoadFailed(organization, packageFile.toString(), e.getMessage(),
                    e instanceof PackageTooLarge ? "too_large" : "unreadable"));
            throw e;
        }
        try {
            VerifiedPackage verified = verification.verifyStaged(packageFile, staged.hash(), organization);
            audit.record(new AuditEvent.PackageLoadSucceeded(organization, packageFile.toString(), staged.hash(),
                    Optional.of(verified.signerFingerprint()), true));
            return new LoadedPackage(staged.copy(), staged.hash(), Optional.of(verified));
        } catch (SignatureNotFound unsigned) {
            if (!config.requireSignatures()) {
                audit.record(new AuditEvent.PackageLoadSucceeded(organization, packageFile.toString(), staged.hash(),
                        Optional.empty(), false));
                return new LoadedPackage(staged.copy(), staged.hash(), Optional.empty());
            }
            throw refuse(staged, packageFile, organization, unsigned);
        } catch (VerificationFailure failure) {
            throw refuse(staged, packageFile, organization, failure);
        } catch (RuntimeException e) {
            staging.discard(staged);
            throw e;
        }
    }

    private VerificationFailure refuse(PackageStaging.StagedPackage staged, Path packageFile,
            OrganizationId organization, VerificationFailure failure) {
        staging.discard(staged);
        audit.record(new AuditEvent.PackageLoadFailed(organization, packageFile.toString(), failure.getMessage(),
                failure.auditReason()));
        return failure;
    }
}
