package dev.signet.domain.key;

import dev.signet.domain.SignetException;

/** A key-encryption key that is not the one the store's software keys are wrapped under. Names ids, never keys. */
public final class WrongStoreKeyEncryptionKey extends SignetException {
    public WrongStoreKeyEncryptionKey(KekId current, KekId given) {
        super("the store's software keys are wrapped under key-encryption key " + current
                + ", but the key-encryption key given is " + given
                + ": give the store's KEK, or move the store to this one with kek rotate");
    }
}
