package dev.signet.bootstrap;

import dev.signet.adapters.crypto.pkcs11.TokenKeyEncryptionKeys;
import dev.signet.adapters.crypto.pkcs11.TokenPrivateKeyWrapper;
import dev.signet.adapters.crypto.soft.AesGcmPrivateKeyWrapper;
import dev.signet.adapters.persistence.db.Database;
import dev.signet.adapters.crypto.soft.RandomTokenSecrets;
import dev.signet.application.port.in.CreateTokenKekUseCase;
import dev.signet.application.port.in.ManageTokensUseCase;
import dev.signet.application.port.in.ReadinessUseCase;
import dev.signet.application.port.in.ServicePublicKeysUseCase;
import dev.signet.application.port.in.SignDigestUseCase;
import dev.signet.application.port.in.ManageOrganizationsUseCase;
import dev.signet.application.port.in.ManageSigningKeysUseCase;
import dev.signet.application.port.in.ManageTrustUseCase;
import dev.signet.application.port.in.LoadPackageUseCase;
import dev.signet.application.port.in.RotateKekUseCase;
import dev.signet.application.port.in.SecurityConfig;
import dev.signet.application.port.in.SignPackageWithStoredKeyUseCase;
import dev.signet.application.port.out.AuditTrail;
import dev.signet.application.port.out.HsmHealth;
import dev.signet.application.port.out.HsmKeyCustodian;
import dev.signet.application.port.out.PrivateKeyWrapper;
import dev.signet.application.port.out.TokenKekGenerator;
import dev.signet.application.service.DigestSigningService;
import dev.signet.application.port.in.ManageTsaTrustUseCase;
import dev.signet.application.service.TsaTrustService;
import dev.signet.application.service.KekCreationService;
import dev.signet.application.service.ReadinessService;
import dev.signet.application.service.ServiceKeyExport;
import dev.signet.application.service.TokenService;
import dev.signet.application.service.KekRotationService;
import dev.signet.application.service.OnlineVerificationService;
import dev.signet.application.service.PackageLoaderService;
import dev.signet.application.service.OrganizationService;
import dev.signet.application.service.SigningKeyService;
import dev.signet.application.service.StoredKeySigningService;
import dev.signet.application.service.TrustCache;
import dev.signet.application.service.TrustService;
import dev.signet.application.service.StoredKeySigner;
import dev.signet.application.service.VerifiedHsmSigner;
import java.time.Clock;
import java.util.Optional;

/**
 * Wires the database-backed use cases: one adapter per port, chosen here. The offline adapters come
 * from {@link OfflineComponents}, so both paths share one instance of each.
 *
 * <p>Plain constructor calls, each use case made once on first use, rather than a DI container: Guice
 * (with Guava under it) was 320 classes and about a sixth of a key-store command's start-up, for a graph
 * of a dozen objects that this class spells out as readably. To add a use case, add a method like the ones
 * below.
 */
final class KeyStoreModule {
    private final Database database;
    private final OfflineComponents offline;
    private final SecurityConfig config;
    private final Optional<HsmKeyCustodian> hsm;
    private final Optional<TokenKeyEncryptionKeys> tokenKeks;
    private final AuditTrail audit;
    private final TrustCache trustCache;
    private final Clock clock;
    private final PrivateKeyWrapper wrapper;
    private ManageOrganizationsUseCase organizations;
    private ManageSigningKeysUseCase signingKeys;
    private ManageTrustUseCase trust;
    private StoredKeySigner storedKeySigner;
    private SignPackageWithStoredKeyUseCase storedKeySigning;
    private OnlineVerificationService onlineVerification;
    private LoadPackageUseCase packageLoader;
    private RotateKekUseCase kekRotation;
    private CreateTokenKekUseCase tokenKekCreation;
    private TokenService tokens;
    private SignDigestUseCase digestSigning;
    private ServicePublicKeysUseCase servicePublicKeys;
    private ReadinessUseCase readiness;
    private ManageTsaTrustUseCase tsaTrust;

    KeyStoreModule(Database database, OfflineComponents offline, SecurityConfig config,
            Optional<HsmKeyCustodian> hsm, Optional<TokenKeyEncryptionKeys> tokenKeks, AuditTrail audit,
            TrustCache trustCache, Clock clock) {
        this.hsm = hsm;
        this.tokenKeks = tokenKeks;
        this.database = database;
        this.config = config;
        this.offline = offline;
        this.audit = audit;
        this.trustCache = trustCache;
        this.clock = clock;
        this.wrapper = new KekRoutingWrapper(new AesGcmPrivateKeyWrapper(), tokenKeks.map(TokenPrivateKeyWrapper::new));
    }

    synchronized ManageOrganizationsUseCase organizations() {
        if (organizations == null) {
            organizations = new OrganizationService(database.organizations(), database.transactions(), audit, clock);
        }
        return organizations;
    }

    synchronized ManageSigningKeysUseCase signingKeys() {
        if (signingKeys == null) {
            signingKeys = new SigningKeyService(database.organizations(), database.signingKeys(), database.storeKek(),
                    offline.signer(), wrapper, offline.publicKeys(), hsm, offline.verifier(), database.transactions(),
                    audit, clock);
        }
        return signingKeys;
    }

    synchronized ManageTrustUseCase trust() {
        if (trust == null) {
            trust = new TrustService(database.organizations(), database.trustedKeys(), database.trustAcls(),
                    offline.publicKeys(), database.transactions(), audit, trustCache, clock);
        }
        return trust;
    }

    synchronized StoredKeySigner storedKeySigner() {
        if (storedKeySigner == null) {
            storedKeySigner = new StoredKeySigner(offline.signer(), wrapper,
                    hsm.map(custodian -> new VerifiedHsmSigner(custodian, offline.verifier())));
        }
        return storedKeySigner;
    }

    synchronized SignPackageWithStoredKeyUseCase storedKeySigning() {
        if (storedKeySigning == null) {
            storedKeySigning = new StoredKeySigningService(offline.hasher(), database.signingKeys(),
                    database.packageSignatures(), storedKeySigner(), offline.signatureFiles(), database.transactions(),
                    audit, clock, offline.timestamper());
        }
        return storedKeySigning;
    }

    synchronized OnlineVerificationService onlineVerification() {
        if (onlineVerification == null) {
            onlineVerification = new OnlineVerificationService(offline.hasher(), offline.signatureFiles(),
                    database.packageSignatures(), database.organizations(), database.trustedKeys(),
                    database.trustAcls(), trustCache, offline.verifier(), database.transactions(), audit,
                    offline.timestampVerifier(), Optional.of(database.trustedTsas()), clock);
        }
        return onlineVerification;
    }

    synchronized LoadPackageUseCase packageLoader() {
        if (packageLoader == null) {
            packageLoader = new PackageLoaderService(offline.staging(), onlineVerification(), config, audit);
        }
        return packageLoader;
    }

    synchronized RotateKekUseCase kekRotation() {
        if (kekRotation == null) {
            kekRotation = new KekRotationService(database.signingKeys(), database.storeKek(), wrapper,
                    database.transactions(), audit);
        }
        return kekRotation;
    }

    synchronized CreateTokenKekUseCase tokenKekCreation() {
        if (tokenKekCreation == null) {
            tokenKekCreation = new KekCreationService(tokenKeks.map(token -> (TokenKekGenerator) token::generate),
                    database.transactions(), audit);
        }
        return tokenKekCreation;
    }

    /** Tokens: issued, listed and revoked (ManageTokensUseCase) and checked on every request (AuthenticateUseCase). */
    synchronized TokenService tokens() {
        if (tokens == null) {
            tokens = new TokenService(database.apiTokens(), database.organizations(), database.signingKeys(),
                    new RandomTokenSecrets(), database.transactions(), audit, clock);
        }
        return tokens;
    }

    /** The signatures the service answered, by key backend: counted by the signing, read by the metrics. */
    private final dev.signet.application.service.SignatureCounts signatureCounts =
            new dev.signet.application.service.SignatureCounts();

    synchronized SignDigestUseCase digestSigning() {
        if (digestSigning == null) {
            digestSigning = new DigestSigningService(database.signingKeys(), database.packageSignatures(),
                    storedKeySigner(), offline.signatureFiles(), config.keyEncryptionKey(), database.transactions(),
                    audit, clock, offline.timestamper(), config.tsaUrl(), database.idempotentAnswers(), signatureCounts);
        }
        return digestSigning;
    }

    synchronized ServicePublicKeysUseCase servicePublicKeys() {
        if (servicePublicKeys == null) {
            servicePublicKeys = new ServiceKeyExport(database.signingKeys(), signingKeys(), database.transactions());
        }
        return servicePublicKeys;
    }

    /**
     * @param auditQueueDepth the audit records waiting for the group commit, for the node's metrics
     * @param hsmHealth the configured token's health, for readiness and the session-pool gauges
     */
    synchronized ReadinessUseCase readiness(java.util.function.LongSupplier auditQueueDepth,
            Optional<HsmHealth> hsmHealth) {
        if (readiness == null) {
            readiness = new ReadinessService(database.organizations(), database.transactions(), signatureCounts,
                    auditQueueDepth, hsmHealth);
        }
        return readiness;
    }

    synchronized ManageTsaTrustUseCase tsaTrust() {
        if (tsaTrust == null) {
            tsaTrust = new TsaTrustService(database.organizations(), database.trustedTsas(), offline.timestampVerifier(),
                    database.transactions(), audit, clock);
        }
        return tsaTrust;
    }
}
