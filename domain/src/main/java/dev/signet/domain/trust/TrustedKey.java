package dev.signet.domain.trust;

import dev.signet.domain.Require;
import dev.signet.domain.key.Ed25519PublicKey;
import dev.signet.domain.key.KeyFingerprint;
import dev.signet.domain.organization.OrganizationId;
import dev.signet.domain.revocation.Revocation;
import java.time.Instant;
import java.util.Optional;

/**
 * A public key an organization accepts signatures from, within its {@link ValidityWindow}. Revoking it
 * ({@link Revocation}: retired or compromised, effective from a time) makes the organization, and through it
 * its parents, deny the signatures the revocation covers (a {@link TrustDeny}, until the organization trusts
 * the key again); the row stays for history and audit.
 */
public record TrustedKey(
        TrustedKeyId id,
        OrganizationId organizationId,
        Ed25519PublicKey publicKey,
        Optional<String> label,
        Instant addedAt,
        ValidityWindow validity,
        Optional<Revocation> revocation) {

    public static final int MAX_LABEL_LENGTH = 200;

    public TrustedKey {
        Require.present(id, "trusted key id");
        Require.present(organizationId, "organization id");
        Require.present(publicKey, "public key");
        label = Require.present(label, "label").map(l -> Require.name(l, MAX_LABEL_LENGTH, "label"));
        Require.present(addedAt, "time the key was trusted");
        Require.present(validity, "validity window");
        Require.present(revocation, "revocation");
        if (revocation.filter(r -> r.recordedAt().isBefore(addedAt)).isPresent()) {
            throw new IllegalArgumentException("trust cannot be revoked before it was granted");
        }
    }

    /** A key valid at all times, revoked (as compromised, from that time on) when {@code revokedAt} is present. */
    public TrustedKey(TrustedKeyId id, OrganizationId organizationId, Ed25519PublicKey publicKey,
            Optional<String> label, Instant addedAt, Optional<Instant> revokedAt) {
        this(id, organizationId, publicKey, label, addedAt, ValidityWindow.ALWAYS,
                Require.present(revokedAt, "revocation time").map(at -> Revocation.compromised(at, at)));
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

    public TrustedKey revoked(Revocation newRevocation) {
        return new TrustedKey(id, organizationId, publicKey, label, addedAt, validity, Optional.of(newRevocation));
    }
}
