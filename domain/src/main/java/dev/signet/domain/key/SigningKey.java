package dev.signet.domain.key;

import dev.signet.domain.Require;
import dev.signet.domain.organization.OrganizationId;
import dev.signet.domain.revocation.Revocation;
import java.time.Instant;
import java.util.Optional;

/**
 * A key an organization signs with. Revocation, for either reason, stops new signatures; signatures it already
 * made keep verifying for as long as its public key stays trusted (the seed's rotation story): verification
 * judges trusted keys, so a compromised signing key's trusted key must be revoked as well.
 */
public record SigningKey(
        KeyId id,
        OrganizationId organizationId,
        KeyName name,
        Ed25519PublicKey publicKey,
        KeyCustody custody,
        Instant createdAt,
        Optional<Revocation> revocation) {

    public SigningKey {
        Require.present(id, "key id");
        Require.present(organizationId, "organization id");
        Require.present(name, "key name");
        Require.present(publicKey, "public key");
        Require.present(custody, "key custody");
        Require.present(createdAt, "key creation time");
        Require.present(revocation, "key revocation");
        if (revocation.filter(r -> r.recordedAt().isBefore(createdAt)).isPresent()) {
            throw new IllegalArgumentException("a key cannot be revoked before it was created");
        }
    }

    public KeyFingerprint fingerprint() {
        return publicKey.fingerprint();
    }

    public boolean isActive() {
        return revocation.isEmpty();
    }

    /** When the revocation was recorded. */
    public Optional<Instant> revokedAt() {
        return revocation.map(Revocation::recordedAt);
    }

    /** @throws SigningKeyRevoked when this key may no longer sign */
    public void requireActive() {
        if (!isActive()) {
            throw new SigningKeyRevoked(id, revocation.orElseThrow());
        }
    }

    public SigningKey revoke(Instant at) {
        return revoke(Revocation.compromised(at, at));
    }

    public SigningKey revoke(Revocation newRevocation) {
        requireActive();
        return new SigningKey(id, organizationId, name, publicKey, custody, createdAt, Optional.of(newRevocation));
    }
}
