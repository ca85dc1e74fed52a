package dev.signet.domain.key;

import dev.signet.domain.SignetException;
import java.util.Collection;
import java.util.List;

/** The key-encryption key given is not the one a private key was wrapped under. Names ids, never keys. */
public final class WrongKeyEncryptionKey extends SignetException {
    public WrongKeyEncryptionKey(KeyId keyId, KekId wrappedUnder, KekId given) {
        this(keyId, wrappedUnder, List.of(given));
    }

    /** None of several KEKs given (a rotation's old ones) is the one the key is wrapped under. */
    public WrongKeyEncryptionKey(KeyId keyId, KekId wrappedUnder, Collection<KekId> given) {
        super("signing key " + keyId + " is wrapped under key-encryption key " + wrappedUnder
                + (given.size() == 1 ? ", but the key-encryption key given is " + StoreKek.list(given)
                        : ", which is none of the key-encryption keys given (" + StoreKek.list(given) + ")"));
    }
}
