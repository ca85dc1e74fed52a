package dev.signet.domain.key;

import dev.signet.domain.Require;
import dev.signet.domain.organization.OrganizationId;
import java.time.Instant;
import java.util.Optional;

/**
 * A key an organization signs with. Revocation stops new signatures; signatures it already made keep
 * verifying for as long as its public key stays trusted (the seed's rotation story).
 */
public record SigningKey(
        KeyId id,
        OrganizationId organizationId,
        KeyName name,
        Ed25519PublicKey publicKey,
        KeyCustody custody,
        Instant createdAt,
        Optional<Instant> revokedAt) {

    public SigningKey {
        Require.present(id, "key id");
        Require.present(organizationId, "organization id");
        Require.present(name, "key name");
        Require.present(publicKey, "public key");
        Require.present(custody, "key custody");
        Require.present(createdAt, "key creation time");
        Require.present(revokedAt, "key revocation time");
        if (revokedAt.filter(at -> at.isBefore(createdAt)).isPresent()) {
            throw new IllegalArgumentException("a key cannot be revoked before it was created");
        }
    }

    public KeyFingerprint fingerprint() {
        return publicKey.fingerprint();
    }

    public boolean isActive() {
        return revokedAt.isEmpty();
    }

    /** @throws SigningKeyRevoked when this key may no longer sign */
    public void requireActive() {
        if (!isActive()) {
            throw new SigningKeyRevoked(id, revokedAt.orElseThrow());
        }
    }

    public SigningKey revoke(Instant at) {
        requireActive();
        return new SigningKey(id, organizationId, name, publicKey, custody, createdAt, Optional.of(at));
    }
}
