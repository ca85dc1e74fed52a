package dev.signet.adapters.oidc;

import dev.signet.domain.SignetException;

/** The identity configuration file cannot be used: its message names the file's field and what is wrong with it. */
public final class InvalidIdentityConfig extends SignetException {
    public InvalidIdentityConfig(String message) {
        super(message);
    }
}
