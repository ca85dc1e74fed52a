package dev.signet.application.port.in;

import dev.signet.domain.Require;
import dev.signet.domain.key.KeyEncryptionKey;
import dev.signet.domain.key.KeyFingerprint;
import dev.signet.domain.key.KeyId;
import dev.signet.domain.key.KeyName;
import dev.signet.domain.key.SigningKey;
import dev.signet.domain.organization.OrganizationId;
import java.util.List;

public interface ManageSigningKeysUseCase {
    /** Generates a key pair; the private half is stored wrapped under {@code kek} and never leaves. */
    SigningKey createSoftwareKey(OrganizationId organization, KeyName name, KeyEncryptionKey kek);

    /**
     * Generates a key pair inside the configured PKCS#11 token: the private key is sensitive and never
     * leaves it; the database keeps the public key and the token reference only.
     */
    SigningKey createHsmKey(OrganizationId organization, KeyName name);

    /** Adopts a key pair another tool made in the token (e.g. pkcs11-tool), found by its CKA_LABEL. */
    SigningKey importHsmKey(OrganizationId organization, KeyName name, String tokenObjectLabel);

    /** The public half as PEM (SPKI, "PUBLIC KEY"), for others to trust. */
    PublicKeyExport exportPublicKey(KeyId keyId);

    /**
     * Stops new signatures; old ones verify for as long as the public key stays trusted. For an HSM key
     * the private key object in the token is destroyed too.
     */
    default SigningKey revoke(KeyId keyId) {
        return revoke(keyId, dev.signet.domain.revocation.RevocationReason.COMPROMISED, java.util.Optional.empty());
    }

    /**
     * As above, recording why: retired (effective now) or compromised (effective now or from
     * {@code effectiveAt}, not in the future). Either way the key signs no more.
     *
     * @throws IllegalArgumentException for a retirement with an effective time, or an effective time in the future
     */
    SigningKey revoke(KeyId keyId, dev.signet.domain.revocation.RevocationReason reason,
            java.util.Optional<java.time.Instant> effectiveAt);

    List<SigningKey> list(OrganizationId organization);

    record PublicKeyExport(KeyId keyId, KeyFingerprint fingerprint, String publicKeyPem) {
        public PublicKeyExport {
            Require.present(keyId, "key id");
            Require.present(fingerprint, "fingerprint");
            Require.present(publicKeyPem, "public key PEM");
        }
    }
}
