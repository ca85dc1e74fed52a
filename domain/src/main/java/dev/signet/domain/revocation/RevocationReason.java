package dev.signet.domain.revocation;

import java.util.Locale;

/**
 * Why a key was revoked. Both reasons deny the same signatures (those without a trusted time, and those
 * timestamped at or after the revocation's effective time); they differ in when the revocation may take effect:
 * a retirement takes effect when it is recorded, a compromise may be dated back to when the key was lost.
 */
public enum RevocationReason {
    /** Rotated out of use; every signature provably made before the retirement stands. */
    RETIRED,
    /** The private key may be in other hands, possibly since before anyone noticed. */
    COMPROMISED;

    /** {@code retired} or {@code compromised}: the CLI's, the JSON's and the database's word for it. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException naming the accepted words */
    public static RevocationReason parse(String text) {
        for (RevocationReason reason : values()) {
            if (reason.label().equals(text)) {
                return reason;
            }
        }
        throw new IllegalArgumentException("'" + text + "' is no revocation reason: use retired or compromised");
    }
}
