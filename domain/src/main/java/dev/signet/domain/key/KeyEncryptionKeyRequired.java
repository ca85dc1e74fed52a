package dev.signet.domain.key;

import dev.signet.domain.SignetException;

/** An operation on software keys was asked for without a key-encryption key. */
public final class KeyEncryptionKeyRequired extends SignetException {
    public KeyEncryptionKeyRequired(String operation) {
        super(operation + " needs the key-encryption key: give --kek-file, or set SIGNET_KEY_ENCRYPTION_KEY "
                + "or SIGNET_KEY_ENCRYPTION_KEY_FILE");
    }
}
