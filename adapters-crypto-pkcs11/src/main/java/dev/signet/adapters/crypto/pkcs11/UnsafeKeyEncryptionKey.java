package dev.signet.adapters.crypto.pkcs11;

import dev.signet.domain.SignetException;

/**
 * The object found in the token under a key-encryption key's label is not one Signet will wrap keys under:
 * not a secret key, not AES, readable in plaintext (CKA_SENSITIVE false) or able to leave the token
 * (CKA_EXTRACTABLE true). Its message names the label and each fault. Like {@link TokenDecryptionFailed} it
 * says nothing about the token's health, so it is neither retried nor counted by the circuit breaker.
 */
public final class UnsafeKeyEncryptionKey extends SignetException {
    UnsafeKeyEncryptionKey(String message) {
        super(message);
    }
}
