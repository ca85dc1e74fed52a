package dev.signet.bootstrap;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.signet.adapters.crypto.pkcs11.TokenKeyEncryptionKeys;
import dev.signet.adapters.crypto.pkcs11.TokenPrivateKeyWrapper;
import dev.signet.adapters.crypto.soft.AesGcmPrivateKeyWrapper;
import dev.signet.adapters.persistence.db.Database;
import dev.signet.application.port.in.CreateTokenKekUseCase;
import dev.signet.application.port.in.ManageOrganizationsUseCase;
import dev.signet.application.port.in.ManageSigningKeysUseCase;
import dev.signet.application.port.in.ManageTrustUseCase;
import dev.signet.application.port.in.LoadPackageUseCase;
import dev.signet.application.port.in.RotateKekUseCase;
import dev.signet.application.port.in.SecurityConfig;
import dev.signet.application.port.in.SignPackageWithStoredKeyUseCase;
import dev.signet.application.port.out.AuditTrail;
import dev.signet.application.port.out.HsmKeyCustodian;
import dev.signet.application.port.out.OrganizationRepository;
import dev.signet.application.port.out.PackageSignatureRepository;
import dev.signet.application.port.out.PrivateKeyWrapper;
import dev.signet.application.port.out.SigningKeyRepository;
import dev.signet.application.port.out.StoreKekRepository;
import dev.signet.application.port.out.TokenKekGenerator;
import dev.signet.application.port.out.Transactions;
import dev.signet.application.port.out.TrustAclRepository;
import dev.signet.application.port.out.TrustedKeyRepository;
import dev.signet.application.port.out.TrustedTsaRepository;
import dev.signet.application.port.in.ManageTsaTrustUseCase;
import dev.signet.application.service.TsaTrustService;
import dev.signet.application.service.KekCreationService;
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
 */
final class KeyStoreModule extends AbstractModule {
    private final Database database;
    private final OfflineComponents offline;
    private final SecurityConfig config;
    private final Optional<HsmKeyCustodian> hsm;
    private final Optional<TokenKeyEncryptionKeys> tokenKeks;
    private final AuditTrail audit;
    private final TrustCache trustCache;
    private final Clock clock;

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
    }

    @Override
    protected void configure() {
        bind(OrganizationRepository.class).toInstance(database.organizations());
        bind(SigningKeyRepository.class).toInstance(database.signingKeys());
        bind(StoreKekRepository.class).toInstance(database.storeKek());
        bind(TrustedKeyRepository.class).toInstance(database.trustedKeys());
        bind(TrustAclRepository.class).toInstance(database.trustAcls());
        bind(TrustedTsaRepository.class).toInstance(database.trustedTsas());
        bind(PackageSignatureRepository.class).toInstance(database.packageSignatures());
        bind(Transactions.class).toInstance(database.transactions());
        bind(PrivateKeyWrapper.class).toInstance(new KekRoutingWrapper(new AesGcmPrivateKeyWrapper(),
                tokenKeks.map(TokenPrivateKeyWrapper::new)));
        bind(AuditTrail.class).toInstance(audit);
    }

    @Provides
    @Singleton
    ManageOrganizationsUseCase organizations(OrganizationRepository organizations, Transactions transactions) {
        return new OrganizationService(organizations, transactions, audit, clock);
    }

    @Provides
    @Singleton
    ManageSigningKeysUseCase signingKeys(OrganizationRepository organizations, SigningKeyRepository signingKeys,
            StoreKekRepository storeKek, PrivateKeyWrapper wrapper, Transactions transactions) {
        return new SigningKeyService(organizations, signingKeys, storeKek, offline.signer(), wrapper, offline.publicKeys(), hsm,
                offline.verifier(), transactions, audit, clock);
    }

    @Provides
    @Singleton
    ManageTsaTrustUseCase tsaTrust(OrganizationRepository organizations, TrustedTsaRepository tsas,
            Transactions transactions) {
        return new TsaTrustService(organizations, tsas, offline.timestampVerifier(), transactions, audit, clock);
    }

    @Provides
    @Singleton
    ManageTrustUseCase trust(OrganizationRepository organizations, TrustedKeyRepository trustedKeys,
            TrustAclRepository acls, Transactions transactions) {
        return new TrustService(organizations, trustedKeys, acls, offline.publicKeys(), transactions, audit, trustCache,
                clock);
    }

    @Provides
    @Singleton
    StoredKeySigner storedKeySigner(PrivateKeyWrapper wrapper) {
        return new StoredKeySigner(offline.signer(), wrapper,
                hsm.map(custodian -> new VerifiedHsmSigner(custodian, offline.verifier())));
    }

    @Provides
    @Singleton
    SignPackageWithStoredKeyUseCase storedKeySigning(SigningKeyRepository signingKeys,
            PackageSignatureRepository signatures, StoredKeySigner signer, Transactions transactions) {
        return new StoredKeySigningService(offline.hasher(), signingKeys, signatures, signer, offline.signatureFiles(),
                transactions, audit, clock, offline.timestamper());
    }

    @Provides
    @Singleton
    OnlineVerificationService onlineVerification(OrganizationRepository organizations,
            TrustedKeyRepository trustedKeys, TrustAclRepository acls, PackageSignatureRepository signatures,
            TrustedTsaRepository tsas, Transactions transactions) {
        return new OnlineVerificationService(offline.hasher(), offline.signatureFiles(), signatures, organizations,
                trustedKeys, acls, trustCache, offline.verifier(), transactions, audit, offline.timestampVerifier(),
                java.util.Optional.of(tsas), clock);
    }

    @Provides
    @Singleton
    LoadPackageUseCase packageLoader(OnlineVerificationService verification) {
        return new PackageLoaderService(offline.staging(), verification, config, audit);
    }

    @Provides
    @Singleton
    RotateKekUseCase kekRotation(SigningKeyRepository signingKeys, StoreKekRepository storeKek,
            PrivateKeyWrapper wrapper, Transactions transactions) {
        return new KekRotationService(signingKeys, storeKek, wrapper, transactions, audit);
    }

    @Provides
    @Singleton
    CreateTokenKekUseCase tokenKekCreation(Transactions transactions) {
        return new KekCreationService(tokenKeks.map(token -> (TokenKekGenerator) token::generate), transactions, audit);
    }
}
