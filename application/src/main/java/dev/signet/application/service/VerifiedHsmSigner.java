package dev.signet.application.service;

import dev.signet.application.port.out.HsmKeyCustodian;
import dev.signet.application.port.out.SignatureVerifier;
import dev.signet.domain.Require;
import dev.signet.domain.key.HsmKeyMismatch;
import dev.signet.domain.key.KeyCustody;
import dev.signet.domain.key.SigningKey;
import dev.signet.domain.signature.Ed25519Signature;
import dev.signet.domain.signature.SignedMessage;

/**
 * The one way Signet signs with an HSM key: the token signs, and the signature is verified against the
 * public key recorded in the database when the key was created or imported before anyone sees it (about
 * 75 µs with Bouncy Castle). A private key replaced in the token under the same CKA_ID would otherwise
 * sign unnoticed, and the fault would surface only later, at verification, far from its cause.
 *
 * <p>Why here and not in the custodian: the custodian knows token objects, not Signet keys; the public
 * key of record lives in the {@link SigningKey} row, and the verifier is an application port. Checking
 * against the token's own public key object (or with C_Verify in the token) would prove nothing, since
 * whoever replaced the private key can replace that too. Checking here also holds for every caller that
 * signs with an HSM key (package signing, and any other signing a service adds), and whatever handle
 * the custodian's pool remembers: the check is on the signature itself. An ArchUnit rule keeps every
 * other class from calling {@link HsmKeyCustodian#sign} directly.
 */
public final class VerifiedHsmSigner {
    private final HsmKeyCustodian custodian;
    private final SignatureVerifier verifier;

    public VerifiedHsmSigner(HsmKeyCustodian custodian, SignatureVerifier verifier) {
        this.custodian = Require.present(custodian, "HSM key custodian");
        this.verifier = Require.present(verifier, "signature verifier");
    }

    /**
     * @throws HsmKeyMismatch when the token's signature does not verify against {@code key}'s public key
     * @throws IllegalArgumentException when {@code key} is not held in a token
     */
    public Ed25519Signature sign(SigningKey key, SignedMessage message) {
        Require.present(key, "signing key");
        Require.present(message, "message");
        if (!(key.custody() instanceof KeyCustody.Hsm custody)) {
            throw new IllegalArgumentException("signing key " + key.id() + " is not held in a PKCS#11 token");
        }
        Ed25519Signature signature = custodian.sign(custody, message);
        if (!verifier.verify(key.publicKey(), message, signature)) {
            throw new HsmKeyMismatch(key.id(), key.fingerprint(), custody);
        }
        return signature;
    }
}
