package dev.signet.domain.key;

import dev.signet.domain.SignetException;

/** The key-encryption key given is not the one a private key was wrapped under. Names ids, never keys. */
public final class WrongKeyEncryptionKey extends SignetException {
    public WrongKeyEncryptionKey(KeyId keyId, KekId wrappedUnder, KekId given) {
        super("signing key " + keyId + " is wrapped under key-encryption key " + wrappedUnder
                + ", but the key-encryption key given is " + given);
    }
}
