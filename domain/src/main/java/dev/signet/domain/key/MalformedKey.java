package dev.signet.domain.key;

import dev.signet.domain.SignetException;

/** Key material (PEM, SPKI, PKCS#8, hex, raw bytes) that is not a usable Ed25519 key. */
public final class MalformedKey extends SignetException {
    public MalformedKey(String message) {
        super(message);
    }

    public MalformedKey(String message, Throwable cause) {
        super(message, cause);
    }
}
