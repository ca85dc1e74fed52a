package dev.signet.application.service;

import dev.signet.application.port.in.ManageSigningKeysUseCase;
import dev.signet.application.port.out.AuditTrail;
import dev.signet.application.port.out.HsmKeyCustodian;
import dev.signet.application.port.out.OrganizationRepository;
import dev.signet.application.port.out.PrivateKeySigner;
import dev.signet.application.port.out.PrivateKeyWrapper;
import dev.signet.application.port.out.PublicKeyCodec;
import dev.signet.application.port.out.SignatureVerifier;
import dev.signet.application.port.out.SigningKeyRepository;
import dev.signet.application.port.out.StoreKekRepository;
import dev.signet.application.port.out.Transactions;
import dev.signet.domain.Conflict;
import dev.signet.domain.NotFound;
import dev.signet.domain.SignetException;
import dev.signet.domain.audit.AuditEvent;
import dev.signet.domain.key.Ed25519PrivateKey;
import dev.signet.domain.key.KekId;
import dev.signet.domain.key.KeyCustody;
import dev.signet.domain.key.KeyEncryptionKey;
import dev.signet.domain.key.KeyId;
import dev.signet.domain.key.KeyName;
import dev.signet.domain.key.SigningKey;
import dev.signet.domain.key.StoreKek;
import dev.signet.domain.organization.OrganizationId;
import dev.signet.domain.revocation.Revocation;
import dev.signet.domain.revocation.RevocationReason;
import dev.signet.domain.signature.PackageHash;
import dev.signet.domain.signature.SignedMessage;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

public final class SigningKeyService implements ManageSigningKeysUseCase {
    private final OrganizationRepository organizations;
    private final SigningKeyRepository signingKeys;
    private final StoreKekRepository storeKek;
    private final PrivateKeySigner signer;
    private final PrivateKeyWrapper wrapper;
    private final PublicKeyCodec publicKeys;
    private final Transactions transactions;
    private final Optional<HsmKeyCustodian> hsm;
    private final SignatureVerifier verifier;
    private final SecureRandom random = new SecureRandom();
    private final AuditTrail audit;
    private final Clock clock;

    public SigningKeyService(OrganizationRepository organizations, SigningKeyRepository signingKeys,
            StoreKekRepository storeKek, PrivateKeySigner signer, PrivateKeyWrapper wrapper, PublicKeyCodec publicKeys,
            Optional<HsmKeyCustodian> hsm, SignatureVerifier verifier, Transactions transactions, AuditTrail audit,
            Clock clock) {
        this.hsm = hsm;
        this.verifier = verifier;
        this.organizations = organizations;
        this.signingKeys = signingKeys;
        this.storeKek = storeKek;
        this.signer = signer;
        this.wrapper = wrapper;
        this.publicKeys = publicKeys;
        this.transactions = transactions;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public SigningKey createSoftwareKey(OrganizationId organization, KeyName name, KeyEncryptionKey kek) {
        KeyId id = KeyId.random();
        return store(organization, name, () -> {
            try (Ed25519PrivateKey privateKey = signer.generate()) {
                return new SigningKey(id, organization, name, signer.publicKeyOf(privateKey),
                        wrapper.wrap(privateKey, kek, id, organization), Timestamps.now(clock), Optional.empty());
            }
        });
    }

    @Override
    public SigningKey createHsmKey(OrganizationId organization, KeyName name) {
        KeyId id = KeyId.random();
        return store(organization, name, () -> {
            HsmKeyCustodian.HsmKey generated = custodian().generate(id);
            return new SigningKey(id, organization, name, generated.publicKey(), generated.custody(),
                    Timestamps.now(clock), Optional.empty());
        });
    }

    @Override
    public SigningKey importHsmKey(OrganizationId organization, KeyName name, String tokenObjectLabel) {
        return store(organization, name, () -> {
            HsmKeyCustodian.HsmKey found = custodian().findByLabel(tokenObjectLabel).orElseThrow(() -> new NotFound(
                    "no Ed25519 key pair labelled '" + tokenObjectLabel + "' in the PKCS#11 token"));
            return new SigningKey(KeyId.random(), organization, name, found.publicKey(), found.custody(),
                    Timestamps.now(clock), Optional.empty());
        });
    }

    private SigningKey store(OrganizationId organization, KeyName name, Supplier<SigningKey> make) {
        try {
            SigningKey key = make.get();
            if (key.custody() instanceof KeyCustody.Hsm) {
                requireTokenHoldsItsPrivateHalf(key);
            }
            transactions.run(() -> {
                OrganizationService.requireExists(organizations, organization);
                if (key.custody() instanceof KeyCustody.Software software) {
                    keepStoreUnderOneKek(software.kekId());
                }
                signingKeys.add(key);
                audit.record(new AuditEvent.SigningKeyCreated(organization, key.id(), key.fingerprint(), name.value()));
            });
            return key;
        } catch (SignetException e) {
            FailureEvents.record(audit, new AuditEvent.SigningKeyCreateFailed(organization, name.value(), e.getMessage()),
                    e);
            throw e;
        }
    }

    /**
     * Before a token key pair is bound: the token signs a random challenge, which must verify against the
     * public key about to be recorded. An adopted pair is found by label (its public object) and used by
     * CKA_ID (its private object); if those are not two halves of one key, the key is refused now rather
     * than at its first signature. The challenge's signature is discarded.
     */
    private void requireTokenHoldsItsPrivateHalf(SigningKey key) {
        byte[] challenge = new byte[PackageHash.LENGTH];
        random.nextBytes(challenge);
        new VerifiedHsmSigner(custodian(), verifier).sign(key, SignedMessage.forPackage(new PackageHash(challenge)));
    }

    /** The store's KEK, or the first key's for a store that has none yet: never a second one (StoreKek). */
    private void keepStoreUnderOneKek(KekId kek) {
        StoreKek store = storeKek.lock();
        store.admit(kek);
        if (!store.recorded().equals(Optional.of(kek))) {
            storeKek.record(kek);
        }
    }

    private HsmKeyCustodian custodian() {
        return hsm.orElseThrow(HsmNotConfigured::new);
    }

    @Override
    public PublicKeyExport exportPublicKey(KeyId keyId) {
        SigningKey key = find(keyId);
        audit.record(new AuditEvent.KeyExported(keyId, key.fingerprint()));
        return new PublicKeyExport(keyId, key.fingerprint(), publicKeys.toPem(key.publicKey()));
    }

    @Override
    public SigningKey revoke(KeyId keyId, RevocationReason reason, Optional<Instant> effectiveAt) {
        Revocation revocation = Revocations.requested(reason, effectiveAt, Timestamps.now(clock));
        return transactions.inTransaction(() -> {
            SigningKey key = find(keyId);
            if (!key.isActive() || !signingKeys.markRevoked(keyId, revocation)) {
                throw new Conflict("signing key " + keyId + " is already revoked");
            }
            audit.record(new AuditEvent.SigningKeyRevoked(key.organizationId(), keyId, key.fingerprint(),
                    Optional.of(revocation)));
            if (key.custody() instanceof KeyCustody.Hsm inToken) {
                // inside the transaction: if the token refuses, the key stays active and can be revoked again
                custodian().destroyPrivateKey(inToken);
            }
            return key.revoke(revocation);
        });
    }

    @Override
    public List<SigningKey> list(OrganizationId organization) {
        return transactions.inTransaction(() -> {
            OrganizationService.requireExists(organizations, organization);
            return signingKeys.listByOrganization(organization);
        });
    }

    private SigningKey find(KeyId keyId) {
        return transactions.inTransaction(() -> signingKeys.findById(keyId))
                .orElseThrow(() -> new NotFound("signing key " + keyId + " does not exist"));
    }
}
