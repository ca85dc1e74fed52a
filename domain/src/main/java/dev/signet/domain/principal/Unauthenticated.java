package dev.signet.domain.principal;

import dev.signet.domain.SignetException;

/** No valid credential: missing, unknown, expired or revoked (HTTP 401). The message never holds it. */
public final class Unauthenticated extends SignetException {
    public Unauthenticated(String message) {
        super(message);
    }
}
