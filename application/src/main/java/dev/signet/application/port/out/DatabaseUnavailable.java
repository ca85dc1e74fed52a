package dev.signet.application.port.out;

import dev.signet.domain.SignetException;

/** The database could not be reached, after the bounded retries. */
public final class DatabaseUnavailable extends SignetException {
    public DatabaseUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
