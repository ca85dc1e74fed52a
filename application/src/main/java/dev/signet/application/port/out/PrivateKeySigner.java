package dev.signet.application.port.out;

import dev.signet.domain.key.Ed25519PrivateKey;
import dev.signet.domain.key.Ed25519PublicKey;
import dev.signet.domain.signature.Ed25519Signature;
import dev.signet.domain.signature.SignedMessage;

/** Ed25519 with a private key held in process memory (offline signing, software custody). */
public interface PrivateKeySigner {
    Ed25519PrivateKey generate();

    Ed25519PublicKey publicKeyOf(Ed25519PrivateKey privateKey);

    Ed25519Signature sign(Ed25519PrivateKey privateKey, SignedMessage message);
}
