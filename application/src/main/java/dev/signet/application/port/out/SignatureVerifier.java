package dev.signet.application.port.out;

import dev.signet.domain.key.Ed25519PublicKey;
import dev.signet.domain.signature.Ed25519Signature;
import dev.signet.domain.signature.SignedMessage;

/**
 * Plain Ed25519 (RFC 8032) verification. Every verification path goes through this one port, so the
 * Wycheproof vectors that test its adapter speak for all of them.
 */
public interface SignatureVerifier {
    /** True only for a valid signature; any public key or signature that cannot be decoded is false. */
    boolean verify(Ed25519PublicKey publicKey, SignedMessage message, Ed25519Signature signature);
}
