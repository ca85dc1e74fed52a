package dev.signet.adapters.crypto.pkcs11;

import dev.signet.domain.SignetException;

/** The PKCS#11 backend cannot be used: JVM flags missing, library absent, token gone. */
public final class Pkcs11Unavailable extends SignetException {
    public Pkcs11Unavailable(String message) {
        super(message);
    }

    public Pkcs11Unavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
