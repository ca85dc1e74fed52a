package dev.signet.adapters.crypto.soft;

import dev.signet.application.port.out.SignatureVerifier;
import dev.signet.domain.key.Ed25519PublicKey;
import dev.signet.domain.signature.Ed25519Signature;
import dev.signet.domain.signature.SignedMessage;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * Plain Ed25519 (RFC 8032, no prehash, no context) with Bouncy Castle's lightweight API; no JCA provider
 * is registered.
 *
 * <p>What Bouncy Castle 1.87 already rejects, and so what this class relies on rather than repeats
 * (pinned by BouncyCastleEd25519BehaviourTest so that an upgrade that changes it fails the build):
 * <ul>
 * <li>public keys: {@code new Ed25519PublicKeyParameters(bytes)} runs Ed25519.validatePublicKeyPartial,
 *     which refuses a non-canonical y (y &ge; p), points not on the curve, "negative zero" x, and every
 *     small-order point (y = 0, 1, p-1 and the two order-8 y values). Such keys are reported as false.
 * <li>signatures: S must be canonical (S &lt; L, RFC 8032 5.1.7) and R's y must be canonical.
 * </ul>
 * It does not refuse mixed-order public keys (a key plus a torsion point), and its verification
 * equation is cofactored. Checking those keys here (Ed25519.validatePublicKeyFull) would cost about a
 * second verification each time (measured here: ~75 us against ~85 us for a verify); they are refused
 * once, when a key is read ({@link PublicKeyPoints}). All 151 Project Wycheproof Ed25519 vectors agree
 * with this class as it is; they would with the full check too (all their keys are in the subgroup), so
 * the choice is about cost alone.
 */
public final class BouncyCastleSignatureVerifier implements SignatureVerifier {

    @Override
    public boolean verify(Ed25519PublicKey publicKey, SignedMessage message, Ed25519Signature signature) {
        return verifyMessage(publicKey, message.bytes(), signature);
    }

    /** The whole verification, for messages of any length; {@link #verify} is this with the 32 digest bytes. */
    boolean verifyMessage(Ed25519PublicKey publicKey, byte[] message, Ed25519Signature signature) {
        Ed25519PublicKeyParameters key;
        try {
            key = new Ed25519PublicKeyParameters(publicKey.bytes());
        } catch (RuntimeException e) {
            return false;
        }
        Ed25519Signer verifier = new Ed25519Signer();
        verifier.init(false, key);
        verifier.update(message, 0, message.length);
        return verifier.verifySignature(signature.bytes());
    }
}
