package dev.signet.application.port.out;

import dev.signet.domain.Require;
import dev.signet.domain.key.Ed25519PublicKey;
import dev.signet.domain.key.KeyCustody;
import dev.signet.domain.key.KeyId;
import dev.signet.domain.signature.Ed25519Signature;
import dev.signet.domain.signature.SignedMessage;
import java.util.Optional;

/**
 * Ed25519 keys that live inside a PKCS#11 token: generated there, sensitive and non-extractable, used
 * there. Signet's database keeps only the public key and the token reference.
 */
public interface HsmKeyCustodian {
    /** Generates a key pair inside the token, its CKA_ID and CKA_LABEL tied to {@code keyId}. */
    HsmKey generate(KeyId keyId);

    /** Finds a key pair made by another tool (e.g. pkcs11-tool) by its CKA_LABEL. */
    Optional<HsmKey> findByLabel(String label);

    /** C_Sign with CKM_EDDSA over the message bytes (the 32-byte package digest). */
    Ed25519Signature sign(KeyCustody.Hsm custody, SignedMessage message);

    /** Destroys the private key object in the token, so that a revoked key can never sign again. */
    void destroyPrivateKey(KeyCustody.Hsm custody);

    record HsmKey(Ed25519PublicKey publicKey, KeyCustody.Hsm custody) {
        public HsmKey {
            Require.present(publicKey, "public key");
            Require.present(custody, "custody");
        }
    }
}
