package dev.signet.domain.trust;

import dev.signet.domain.Require;
import dev.signet.domain.key.KeyFingerprint;
import dev.signet.domain.organization.OrganizationId;
import java.time.Instant;

/**
 * An organization's "no" to a fingerprint: it revoked its trusted key and has not trusted the key again. The
 * fingerprint is then trusted neither by that organization nor through it, by any parent whose grants pass
 * through it, whatever child would otherwise vouch for the key. Trusting the key again in that organization
 * (a new active row) lifts the deny; the revoked row stays as history.
 *
 * <p>Today every revocation denies, for good. A deny is its own value, not just a missing key, so that a later
 * rule can scope it (by the revocation's reason, or from its time on) without changing what trust paths are.
 *
 * @param revokedKey the organization's latest revoked row for the fingerprint
 */
public record TrustDeny(TrustedKey revokedKey) {
    public TrustDeny {
        Require.present(revokedKey, "revoked trusted key");
        if (revokedKey.isActive()) {
            throw new IllegalArgumentException("only a revoked trusted key denies");
        }
    }

    public OrganizationId organization() {
        return revokedKey.organizationId();
    }

    public KeyFingerprint fingerprint() {
        return revokedKey.fingerprint();
    }

    public Instant revokedAt() {
        return revokedKey.revokedAt().orElseThrow();
    }

    /** e.g. {@code org-a revoked key 21fe31df... (trusted key 5b0c..., at 2026-01-28T12:00:00Z)}. */
    public String describe() {
        return organization() + " revoked key " + fingerprint().hex() + " (trusted key " + revokedKey.id()
                + ", at " + revokedAt() + ")";
    }
}
