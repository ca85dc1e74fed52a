package dev.signet.adapters.crypto.pkcs11;

import dev.signet.domain.SignetException;

/**
 * The token refused to open AES-GCM data because it is not authentic: the ciphertext, its tag, its nonce
 * or its additional data is not what was sealed, or it was sealed under another key. Distinct from
 * {@link Pkcs11Failure} on purpose: it says nothing about the token's health, so it is neither retried nor
 * counted by the circuit breaker, and a caller can report "not authentic" rather than "HSM error".
 */
public final class TokenDecryptionFailed extends SignetException {
    TokenDecryptionFailed(String message, Throwable cause) {
        super(message, cause);
    }
}
