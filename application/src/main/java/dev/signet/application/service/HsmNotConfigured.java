package dev.signet.application.service;

import dev.signet.domain.SignetException;

/** An HSM key was asked for, but this Signet has no PKCS#11 token configured. */
public final class HsmNotConfigured extends SignetException {
    public HsmNotConfigured() {
        super("no PKCS#11 token is configured: give --pkcs11-library, --pkcs11-token and --pkcs11-pin-file "
                + "(or SIGNET_PKCS11_LIBRARY, SIGNET_PKCS11_TOKEN, SIGNET_PKCS11_PIN or SIGNET_PKCS11_PIN_FILE)");
    }
}
