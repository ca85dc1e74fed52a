package dev.signet.application.port.in;

import dev.signet.domain.SignetException;

/** An Idempotency-Key the principal already used for a different request: nothing is signed (422). */
public final class IdempotencyKeyReused extends SignetException {
    private static final long serialVersionUID = 1L;

    public IdempotencyKeyReused(String message) {
        super(message);
    }
}
