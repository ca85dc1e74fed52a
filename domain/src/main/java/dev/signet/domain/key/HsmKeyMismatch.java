package dev.signet.domain.key;

import dev.signet.domain.Hex;
import dev.signet.domain.SignetException;

/**
 * The token signed, but not with the private half of the public key Signet recorded when the key was
 * created or imported: the private key object under that CKA_ID was replaced (or, for a pair adopted from
 * another tool, its public and private objects never were one key). The signature is discarded. The message names the key, its fingerprint, the token and the
 * object id, never the PIN.
 */
public final class HsmKeyMismatch extends SignetException {
    public HsmKeyMismatch(KeyId keyId, KeyFingerprint fingerprint, KeyCustody.Hsm custody) {
        super("HSM key " + keyId + " (fingerprint " + fingerprint.hex() + ", token '" + custody.tokenLabel()
                + "', CKA_ID " + Hex.encode(custody.objectId()) + "): the token's signature does not verify against"
                + " the key's public key, so the private key under that CKA_ID is not its other half (replaced in"
                + " the token, or never one pair); the signature was discarded");
    }
}
