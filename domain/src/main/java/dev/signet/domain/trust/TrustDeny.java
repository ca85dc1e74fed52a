package dev.signet.domain.trust;

import dev.signet.domain.Require;
import dev.signet.domain.key.KeyFingerprint;
import dev.signet.domain.organization.OrganizationId;
import dev.signet.domain.revocation.Revocation;
import dev.signet.domain.time.TimeBasis;
import java.time.Instant;

/**
 * An organization's "no" to a fingerprint: it revoked its trusted key and has not trusted the key again. For the
 * signatures its revocation covers ({@link #covers}), the fingerprint is then trusted neither by that organization
 * nor through it, by any parent whose grants pass through it, whatever child would otherwise vouch for the key.
 * A signature the revocation does not cover (trusted time before it took effect) is not denied at all. Trusting
 * the key again in that organization (a new active row) lifts the deny; the revoked row stays as history.
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

    public Revocation revocation() {
        return revokedKey.revocation().orElseThrow();
    }

    public Instant revokedAt() {
        return revocation().recordedAt();
    }

    /** Whether this deny holds for a signature judged at {@code basis}. */
    public boolean covers(TimeBasis basis) {
        return revocation().covers(basis);
    }

    /** e.g. {@code org-a revoked key 21fe31df... (trusted key 5b0c..., at 2026-01-28T12:00:00Z; retired, effective ...)}. */
    public String describe() {
        return organization() + " revoked key " + fingerprint().hex() + " (trusted key " + revokedKey.id()
                + ", at " + revokedAt() + "; " + revocation().describe() + ")";
    }
}
