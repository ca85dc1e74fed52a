package dev.signet.bootstrap;

import dev.signet.application.port.in.ManageOrganizationsUseCase;
import dev.signet.application.port.in.ManageSigningKeysUseCase;
import dev.signet.application.port.in.ManageSigningKeysUseCase.PublicKeyExport;
import dev.signet.application.port.in.ManageTrustUseCase;
import dev.signet.application.port.in.RotateKekUseCase;
import dev.signet.application.port.in.SecurityConfig;
import dev.signet.domain.key.KeyEncryptionKey;
import dev.signet.domain.key.KeyEncryptionKeyRequired;
import dev.signet.domain.key.KeyId;
import dev.signet.domain.key.KeyName;
import dev.signet.domain.key.SigningKey;
import dev.signet.domain.organization.Organization;
import dev.signet.domain.organization.OrganizationId;
import dev.signet.domain.organization.OrganizationName;
import dev.signet.domain.trust.TrustAcl;
import dev.signet.domain.trust.TrustedKey;
import dev.signet.domain.trust.TrustedKeyId;
import java.nio.charset.StandardCharsets;
import java.util.List;
import dev.signet.domain.revocation.RevocationReason;
import dev.signet.domain.trust.ValidityWindow;
import java.time.Instant;
import java.util.Optional;

/**
 * Organizations, signing keys and trust, in the seed's API shape. Every method is one transaction;
 * failures are {@link dev.signet.domain.SignetException}s with one-line messages.
 */
public final class KeyManager {
    private final ManageOrganizationsUseCase organizations;
    private final ManageSigningKeysUseCase signingKeys;
    private final ManageTrustUseCase trust;
    private final RotateKekUseCase kekRotation;
    private final SecurityConfig config;

    KeyManager(ManageOrganizationsUseCase organizations, ManageSigningKeysUseCase signingKeys, ManageTrustUseCase trust,
            RotateKekUseCase kekRotation, SecurityConfig config) {
        this.organizations = organizations;
        this.signingKeys = signingKeys;
        this.trust = trust;
        this.kekRotation = kekRotation;
        this.config = config;
    }

    public Organization createOrganization(String name) {
        return organizations.create(new OrganizationName(name));
    }

    public List<Organization> listOrganizations() {
        return organizations.list();
    }

    /** An organization by UUID or unique name. */
    public Organization organization(String idOrName) {
        return organizations.resolve(idOrName);
    }

    /** A new software key, its private half wrapped under {@code kek}. */
    public SigningKey createSigningKey(OrganizationId organization, String name, KeyEncryptionKey kek) {
        return signingKeys.createSoftwareKey(organization, new KeyName(name), kek);
    }

    /** A new software key wrapped under the SecurityConfig's key-encryption key. */
    public SigningKey createSigningKey(OrganizationId organization, String name) {
        return createSigningKey(organization, name, configuredKek("creating a software signing key"));
    }

    /** A new key generated inside the configured PKCS#11 token; its private half never leaves it. */
    public SigningKey createHsmSigningKey(OrganizationId organization, String name) {
        return signingKeys.createHsmKey(organization, new KeyName(name));
    }

    /** Adopts an Ed25519 key pair made in the token by another tool, found by its CKA_LABEL. */
    public SigningKey importHsmSigningKey(OrganizationId organization, String name, String tokenObjectLabel) {
        return signingKeys.importHsmKey(organization, new KeyName(name), tokenObjectLabel);
    }

    public PublicKeyExport exportPublicKey(KeyId keyId) {
        return signingKeys.exportPublicKey(keyId);
    }

    public SigningKey revokeSigningKey(KeyId keyId) {
        return signingKeys.revoke(keyId);
    }

    /** Revokes for {@code reason}: retired (now) or compromised (now, or from {@code effectiveAt}); it signs no more. */
    public SigningKey revokeSigningKey(KeyId keyId, RevocationReason reason, Optional<Instant> effectiveAt) {
        return signingKeys.revoke(keyId, reason, effectiveAt);
    }

    public List<SigningKey> listSigningKeys(OrganizationId organization) {
        return signingKeys.list(organization);
    }

    /** Trusts a raw 32-byte Ed25519 public key (PEM and 64 hex characters are accepted too). */
    public TrustedKey trustPublicKey(OrganizationId organization, byte[] publicKey, String label) {
        return trust.trustPublicKey(organization, publicKey, Optional.ofNullable(label));
    }

    public TrustedKey trustPublicKeyPem(OrganizationId organization, String pem, String label) {
        return trust.trustPublicKey(organization, pem.getBytes(StandardCharsets.US_ASCII), Optional.ofNullable(label));
    }

    /** Revokes as compromised, now: every signature by the key fails, timestamped ones included. */
    public TrustedKey revokeTrustedKey(TrustedKeyId trustedKeyId) {
        return trust.revokeTrustedKey(trustedKeyId);
    }

    /**
     * Revokes for {@code reason}: retired (now) keeps the signatures timestamped before now; compromised (now, or
     * from an earlier {@code effectiveAt}) keeps only those timestamped before it. A revoked key can be revoked
     * again only to widen its revocation (compromised, effective no later).
     */
    public TrustedKey revokeTrustedKey(TrustedKeyId trustedKeyId, RevocationReason reason,
            Optional<Instant> effectiveAt) {
        return trust.revokeTrustedKey(trustedKeyId, reason, effectiveAt);
    }

    /** Trusts the key only for signatures judged at a time inside {@code validity}. */
    public TrustedKey trustPublicKey(OrganizationId organization, byte[] publicKey, String label,
            ValidityWindow validity) {
        return trust.trustPublicKey(organization, publicKey, Optional.ofNullable(label), validity);
    }

    public List<TrustedKey> listTrustedKeys(OrganizationId organization) {
        return trust.listTrustedKeys(organization);
    }

    /** From now on {@code parent} trusts every key {@code child} trusts, and what its children trust. */
    public TrustAcl grantTrust(OrganizationId parent, OrganizationId child) {
        return trust.grantTrust(parent, child);
    }

    public void revokeTrust(OrganizationId parent, OrganizationId child) {
        trust.revokeTrust(parent, child);
    }

    public List<TrustAcl> listTrustAcls(OrganizationId organization) {
        return trust.listTrustAcls(organization);
    }

    /**
     * Re-wraps every software key from {@code current} to {@code next}, all or nothing; returns how many moved.
     * Afterwards {@code next} is the store's KEK: new keys must be wrapped under it.
     */
    public int rotateKeyEncryptionKey(KeyEncryptionKey current, KeyEncryptionKey next) {
        return kekRotation.rotate(current, next);
    }

    /**
     * As above, from any of {@code old}: repairs a store whose keys are under several KEKs (made so before a store
     * kept to one KEK), which refuses new keys until then. All or nothing.
     */
    public int rotateKeyEncryptionKey(List<KeyEncryptionKey> old, KeyEncryptionKey next) {
        return kekRotation.rotate(old, next);
    }

    KeyEncryptionKey configuredKek(String operation) {
        return config.keyEncryptionKey().orElseThrow(() -> new KeyEncryptionKeyRequired(operation));
    }
}
