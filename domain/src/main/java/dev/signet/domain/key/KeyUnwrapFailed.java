package dev.signet.domain.key;

import dev.signet.domain.SignetException;

/**
 * A wrapped private key failed authentication: its ciphertext was altered, or it was copied from
 * another key's row (the wrapping binds it to its key id and organization).
 */
public final class KeyUnwrapFailed extends SignetException {
    public KeyUnwrapFailed(KeyId keyId, String reason) {
        super("signing key " + keyId + " cannot be unwrapped: " + reason);
    }
}
