package dev.signet.domain.principal;

import dev.signet.domain.SignetException;

/** An authenticated principal whose role or key scope does not allow the request (HTTP 403). */
public final class Forbidden extends SignetException {
    public Forbidden(String message) {
        super(message);
    }
}
