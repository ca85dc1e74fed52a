package dev.signet.domain.trust;

import dev.signet.domain.Require;
import dev.signet.domain.key.Ed25519PublicKey;
import dev.signet.domain.key.KeyFingerprint;
import dev.signet.domain.organization.OrganizationId;
import java.time.Instant;
import java.util.Optional;

/**
 * A public key an organization accepts signatures from. Revoking it makes every signature by that key
 * fail verification, old ones included, for the organization and through it for its parents (a
 * {@link TrustDeny}, until the organization trusts the key again); the row stays for history and audit.
 */
public record TrustedKey(
        TrustedKeyId id,
        OrganizationId organizationId,
        Ed25519PublicKey publicKey,
        Optional<String> label,
        Instant addedAt,
        Optional<Instant> revokedAt) {

    public static final int MAX_LABEL_LENGTH = 200;

    public TrustedKey {
        Require.present(id, "trusted key id");
        Require.present(organizationId, "organization id");
        Require.present(publicKey, "public key");
        label = Require.present(label, "label").map(l -> Require.name(l, MAX_LABEL_LENGTH, "label"));
        Require.present(addedAt, "time the key was trusted");
        Require.present(revokedAt, "revocation time");
        if (revokedAt.filter(at -> at.isBefore(addedAt)).isPresent()) {
            throw new IllegalArgumentException("trust cannot be revoked before it was granted");
        }
    }

    public KeyFingerprint fingerprint() {
        return publicKey.fingerprint();
    }

    public boolean isActive() {
        return revokedAt.isEmpty();
    }
}
