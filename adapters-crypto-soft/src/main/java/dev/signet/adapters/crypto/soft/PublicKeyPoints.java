package dev.signet.adapters.crypto.soft;

import dev.signet.domain.key.MalformedKey;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * Full validation of a public key when it enters Signet (import, trust), not on every verification.
 * BC's partial check (which its verifier also applies) rejects non-canonical encodings, points off the
 * curve and the small-order points; the full check also rejects "mixed-order" points, a real key plus a
 * torsion point, which no key generator produces and on which cofactored and cofactorless verifiers
 * (BC is cofactored, ed25519-dalek's verify is not) can disagree. It costs about one verification, which
 * is fine once per import but would double the cost of every verify, so the verifier does not repeat it.
 */
final class PublicKeyPoints {
    private PublicKeyPoints() {
    }

    static void requireValid(byte[] rawKey) {
        if (!Ed25519.validatePublicKeyPartial(rawKey, 0)) {
            throw new MalformedKey("public key is not a valid Ed25519 point: not canonically encoded, "
                    + "not on the curve, or of small order");
        }
        if (!Ed25519.validatePublicKeyFull(rawKey, 0)) {
            throw new MalformedKey("public key is not in Ed25519's prime-order subgroup (it has a small-order "
                    + "component, which no Ed25519 key generator produces)");
        }
    }
}
