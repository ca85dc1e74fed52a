package dev.signet.application.service;

import dev.signet.application.port.in.ExplainTrustUseCase;
import dev.signet.application.port.in.SignatureSource;
import dev.signet.application.port.in.VerifyDigestUseCase;
import dev.signet.application.port.in.VerifyPackageUseCase;
import dev.signet.application.port.out.AuditTrail;
import dev.signet.application.port.out.DetachedSignatureFiles;
import dev.signet.application.port.out.OrganizationRepository;
import dev.signet.application.port.out.PackageHasher;
import dev.signet.application.port.out.PackageSignatureRepository;
import dev.signet.application.port.out.SignatureFileNotReadable;
import dev.signet.application.port.out.SignatureVerifier;
import dev.signet.application.port.out.TimestampVerifier;
import dev.signet.application.port.out.Transactions;
import dev.signet.application.port.out.TrustAclRepository;
import dev.signet.application.port.out.TrustedKeyRepository;
import dev.signet.application.port.out.TrustedTsaRepository;
import dev.signet.domain.audit.AuditEvent;
import dev.signet.domain.key.KeyFingerprint;
import dev.signet.domain.organization.OrganizationId;
import dev.signet.domain.principal.Forbidden;
import dev.signet.domain.principal.Principal;
import dev.signet.domain.principal.Role;
import dev.signet.domain.signature.PackageHash;
import dev.signet.domain.signature.PackageSignature;
import dev.signet.domain.time.TimeBasis;
import dev.signet.domain.trust.TrustRule;
import dev.signet.domain.verification.InvalidSignature;
import dev.signet.domain.verification.SignatureNotFound;
import dev.signet.domain.verification.SignatureOrigin;
import dev.signet.domain.verification.UntrustedSigner;
import dev.signet.domain.verification.VerificationFailure;
import dev.signet.domain.verification.VerifiedPackage;
import dev.signet.domain.time.TimeBasis;
import dev.signet.domain.time.TsaCertificate;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Online verification (compat.md, "Verification outcomes"): the signature from the {@code .sig} file or
 * the database, the signer accepted only if the organization trusts it directly or through grants, for a
 * signature judged at its {@link TimeBasis} (revocations and validity windows depend on it). Trust comes from the
 * {@link TrustCache}, which rebuilds an organization's trust rule whenever it changed anywhere; {@link #explain}
 * reads it fresh.
 */
public final class OnlineVerificationService implements VerifyPackageUseCase, VerifyDigestUseCase, ExplainTrustUseCase {
    private final PackageHasher hasher;
    private final DetachedSignatureFiles signatureFiles;
    private final PackageSignatureRepository storedSignatures;
    private final OrganizationRepository organizations;
    private final TrustResolver trust;
    private final TrustCache trustCache;
    private final SignatureChecks checks;
    private final Transactions transactions;
    private final AuditTrail audit;
    private final TimeBases timeBases;
    private final Optional<TrustedTsaRepository> tsas;
    private final Clock clock;

    /** Without TSA trust: a timestamp a signature carries is reported as not checked. */
    public OnlineVerificationService(PackageHasher hasher, DetachedSignatureFiles signatureFiles,
            PackageSignatureRepository storedSignatures, OrganizationRepository organizations,
            TrustedKeyRepository trustedKeys, TrustAclRepository acls, TrustCache trustCache,
            SignatureVerifier verifier, Transactions transactions, AuditTrail audit, Clock clock) {
        this(hasher, signatureFiles, storedSignatures, organizations, trustedKeys, acls, trustCache, verifier,
                transactions, audit, TimeBases.NEVER_CALLED, Optional.empty(), clock);
    }

    public OnlineVerificationService(PackageHasher hasher, DetachedSignatureFiles signatureFiles,
            PackageSignatureRepository storedSignatures, OrganizationRepository organizations,
            TrustedKeyRepository trustedKeys, TrustAclRepository acls, TrustCache trustCache,
            SignatureVerifier verifier, Transactions transactions, AuditTrail audit, TimestampVerifier timestamps,
            Optional<TrustedTsaRepository> tsas, Clock clock) {
        this.timeBases = new TimeBases(timestamps);
        this.tsas = tsas;
        this.clock = clock;
        this.hasher = hasher;
        this.signatureFiles = signatureFiles;
        this.storedSignatures = storedSignatures;
        this.organizations = organizations;
        this.trust = new TrustResolver(trustedKeys, acls);
        this.trustCache = trustCache;
        this.checks = new SignatureChecks(verifier);
        this.transactions = transactions;
        this.audit = audit;
    }

    @Override
    public VerifiedPackage verify(Command command) {
        Optional<PackageHash> hash = Optional.empty();
        try {
            Optional<Path> signatureFile = locateFile(command);
            Optional<PackageSignature> fromFile = signatureFile.map(signatureFiles::read);
            hash = Optional.of(hasher.hash(command.packageFile()));
            return verifyHash(command, hash.get(), fromFile);
        } catch (VerificationFailure failure) {
            recordFailure(command.organization(), hash, failure);
            throw failure;
        } catch (SignatureFileNotReadable unreadable) {
            recordUnreadable(command.organization(), hash, unreadable);
            throw unreadable;
        }
    }

    /**
     * Verifies a package whose hash the caller computed over the bytes it will use (the loader's staged
     * copy); the signature is looked for beside the original path.
     */
    public VerifiedPackage verifyStaged(Path originalPath, PackageHash stagedHash, OrganizationId organization) {
        Command command = new Command(originalPath, organization, SignatureSource.AUTO);
        try {
            Optional<PackageSignature> fromFile = locateFile(command).map(signatureFiles::read);
            return verifyHash(command, stagedHash, fromFile);
        } catch (VerificationFailure failure) {
            recordFailure(organization, Optional.of(stagedHash), failure);
            throw failure;
        } catch (SignatureFileNotReadable unreadable) {
            recordUnreadable(organization, Optional.of(stagedHash), unreadable);
            throw unreadable;
        }
    }

    /**
     * A digest and, if given, the {@code .sig} content from a service request: for a verifier, signer or admin of
     * the organization whose trust decides.
     */
    @Override
    public VerifiedPackage verifyDigest(DigestCommand command) {
        Principal principal = command.principal();
        if (!principal.organization().equals(command.organization()) || principal.role() == Role.AUDITOR) {
            throw new Forbidden(principal.kind().wireName() + " " + principal.id()
                    + " may not verify for organization " + command.organization());
        }
        Optional<PackageHash> hash = Optional.of(command.packageHash());
        try {
            Optional<PackageSignature> given = command.signatureJson().map(signatureFiles::decode);
            return verifyHash(command.organization(), command.packageHash(), given,
                    () -> "no signature given and none stored for package hash " + command.packageHash().hex());
        } catch (VerificationFailure failure) {
            recordFailure(command.organization(), hash, failure);
            throw failure;
        }
    }

    @Override
    public Explained explain(OrganizationId organization, KeyFingerprint fingerprint, Optional<Instant> trustedTimeAt) {
        TimeBasis basis = trustedTimeAt.<TimeBasis>map(at -> new TimeBasis.TrustedTime(at, ASSUMED_TSA))
                .orElseGet(() -> TimeBasis.currentTime(clock.instant()));
        return transactions.inTransaction(() -> {
            OrganizationService.requireExists(organizations, organization);
            return new Explained(trust.ruleFor(organization).explanation(organization, fingerprint, basis), basis);
        });
    }

    /**
     * The time {@code signature} is judged at, for {@code organization}. Until timestamps are checked (issue 14,
     * the TSA part), every signature is judged without a trusted time, now: the one place that changes.
     */
    private TimeBasis timeBasisOf(PackageSignature signature, OrganizationId organization) {
        if (signature.timestampToken().isEmpty()) {
            return TimeBasis.currentTime(clock.instant());
        }
        return timeBases.of(signature, trustedTsasOf(organization), clock.instant());
    }

    private Optional<Path> locateFile(Command command) {
        if (command.source() == SignatureSource.DATABASE) {
            return Optional.empty();
        }
        Optional<Path> file = command.signatureFile().or(() -> SignatureSidecar.find(command.packageFile()));
        if (file.isEmpty() && command.source() == SignatureSource.FILE) {
            throw new SignatureNotFound("no " + SignatureSidecar.defaultFor(command.packageFile()));
        }
        return file;
    }

    private VerifiedPackage verifyHash(Command command, PackageHash hash, Optional<PackageSignature> fromFile) {
        return verifyHash(command.organization(), hash, fromFile, () -> "no "
                + SignatureSidecar.defaultFor(command.packageFile()) + " and no stored signature for package hash "
                + hash.hex());
    }

    private VerifiedPackage verifyHash(OrganizationId organization, PackageHash hash,
            Optional<PackageSignature> fromFile, Supplier<String> notFound) {
        TrustRule trusted = trustCache.ruleFor(organization);
        String untrusted = "is not trusted by organization " + organization;
        VerifiedPackage verified;
        if (fromFile.isPresent()) {
            verified = check(fromFile.get(), hash, SignatureOrigin.FILE, trusted, organization, untrusted);
        } else {
            List<PackageSignature> stored = transactions.inTransaction(() -> storedSignatures.findByPackageHash(hash));
            verified = firstValid(stored, hash, trusted, organization, untrusted, notFound);
        }
        audit.record(new AuditEvent.VerificationSucceeded(Optional.of(organization), hash,
                verified.signerFingerprint(), verified.trustPath().flatMap(path -> path.trustedKey().label()),
                Optional.of(verified.timeBasis())));
        return verified;
    }

    /** Several stored signatures pass when any one is valid and trusted; else the most telling failure. */
    private VerifiedPackage firstValid(List<PackageSignature> stored, PackageHash hash,
            TrustRule trusted, OrganizationId organization, String untrusted, Supplier<String> notFound) {
        if (stored.isEmpty()) {
            throw new SignatureNotFound(notFound.get());
        }
        VerificationFailure mostTelling = null;
        for (PackageSignature signature : stored) {
            try {
                return check(signature, hash, SignatureOrigin.DATABASE, trusted, organization, untrusted);
            } catch (VerificationFailure failure) {
                if (mostTelling == null || failure instanceof InvalidSignature) {
                    mostTelling = failure; // a trusted key with a bad signature says more than an unknown key
                }
            }
        }
        throw mostTelling;
    }

    /** The active TSA certificates of the organization and of every organization its grants reach, read fresh. */
    private List<TsaCertificate> trustedTsasOf(OrganizationId organization) {
        return tsas.map(repository -> transactions.inTransaction(() -> repository
                .listActiveByOrganizations(trust.reachableFrom(organization)).stream()
                .map(tsa -> tsa.certificate()).distinct().toList())).orElse(List.of());
    }

    private VerifiedPackage check(PackageSignature signature, PackageHash hash, SignatureOrigin origin,
            TrustRule trusted, OrganizationId organization, String untrusted) {
        TimeBasis basis = timeBasisOf(signature, organization);
        return checks.check(signature, hash, origin, signers(trusted, organization, basis), untrusted, basis);
    }

    private static Function<KeyFingerprint, Optional<SignatureChecks.TrustedSigner>> signers(TrustRule trusted,
            OrganizationId organization, TimeBasis basis) {
        return fingerprint -> trusted.explain(organization, fingerprint, basis)
                .map(path -> new SignatureChecks.TrustedSigner(path.trustedKey().publicKey(), Optional.of(path)));
    }

    private void recordFailure(OrganizationId organization, Optional<PackageHash> hash, VerificationFailure failure) {
        FailureEvents.record(audit, new AuditEvent.VerificationFailed(Optional.of(organization), hash,
                failure.auditReason(), signerOf(failure), timeBasisOf(failure)), failure);
    }

    /** A .sig that is there but cannot be read is no verification failure (exit 1, an I/O error), yet still a failed verification. */
    private void recordUnreadable(OrganizationId organization, Optional<PackageHash> hash,
            SignatureFileNotReadable unreadable) {
        FailureEvents.record(audit, new AuditEvent.VerificationFailed(Optional.of(organization), hash,
                SIGNATURE_UNREADABLE, Optional.empty()), unreadable);
    }

    /** The failure reason of a .sig that could not be read, in verification and load records alike. */
    static final String SIGNATURE_UNREADABLE = "signature_unreadable";

    /** The time basis a failure was judged at, when it depended on one (an untrusted signer). */
    static Optional<TimeBasis> timeBasisOf(VerificationFailure failure) {
        return failure instanceof UntrustedSigner untrusted ? untrusted.timeBasis() : Optional.empty();
    }

    /** The signer a failure names (an untrusted or an invalid signature's key), for its audit record. */
    static Optional<KeyFingerprint> signerOf(VerificationFailure failure) {
        return failure instanceof UntrustedSigner untrusted ? Optional.of(untrusted.signer())
                : failure instanceof InvalidSignature invalid ? Optional.of(invalid.signer()) : Optional.empty();
    }
}
