package dev.signet.domain.revocation;

import dev.signet.domain.Require;
import dev.signet.domain.time.TimeBasis;
import java.time.Instant;

/**
 * A key's revocation: why, from when on it counts ({@code effectiveAt}) and when it was recorded. It covers a
 * signature with no trusted time at all (the signer's own {@code signed_at} proves nothing), and one whose
 * trusted time is at or after {@code effectiveAt}; a signature provably made before that still stands.
 *
 * <p>A retirement takes effect when it is recorded and never earlier: dating it back would fail packages
 * timestamped by the legitimate holder while claiming nothing went wrong; a key whose signatures since T must
 * fail is compromised at T. A compromise may be dated back to any time (even before the key was trusted).
 * Neither may take effect in the future: a key that must stop counting later gets a validity window.
 */
public record Revocation(RevocationReason reason, Instant effectiveAt, Instant recordedAt) {
    public Revocation {
        Require.present(reason, "revocation reason");
        Require.present(effectiveAt, "time the revocation takes effect");
        Require.present(recordedAt, "time the revocation was recorded");
        if (effectiveAt.isAfter(recordedAt)) {
            throw new IllegalArgumentException("a revocation cannot take effect after it was recorded ("
                    + effectiveAt + " is later than " + recordedAt + ")");
        }
        if (reason == RevocationReason.RETIRED && !effectiveAt.equals(recordedAt)) {
            throw new IllegalArgumentException("a retirement takes effect when it is recorded; to fail the key's"
                    + " signatures from an earlier time, revoke it as compromised with that effective time");
        }
    }

    public static Revocation retired(Instant now) {
        return new Revocation(RevocationReason.RETIRED, now, now);
    }

    public static Revocation compromised(Instant effectiveAt, Instant now) {
        return new Revocation(RevocationReason.COMPROMISED, effectiveAt, now);
    }

    /** Whether this revocation denies a signature judged at {@code basis}. */
    public boolean covers(TimeBasis basis) {
        Require.present(basis, "time basis");
        // no trusted time: the signature may have been made at any time, after the revocation too
        return !(basis instanceof TimeBasis.TrustedTime trusted) || !trusted.time().isBefore(effectiveAt);
    }

    /**
     * Whether {@code later} may replace this revocation: only a compromise that covers at least every signature
     * this one covers, and more (an earlier effective time, or the same time over a retirement). A revocation is
     * never narrowed: signatures it denied stay denied.
     */
    public boolean widenedBy(Revocation later) {
        Require.present(later, "later revocation");
        if (later.reason != RevocationReason.COMPROMISED || later.effectiveAt.isAfter(effectiveAt)) {
            return false;
        }
        return reason == RevocationReason.RETIRED || later.effectiveAt.isBefore(effectiveAt);
    }

    /** e.g. {@code retired, effective 2026-01-28T12:00:00Z}. */
    public String describe() {
        return reason.label() + ", effective " + effectiveAt;
    }
}
