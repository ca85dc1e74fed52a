package dev.signet.domain;

/** A change that would break a rule of the data: a taken name, a key trusted twice, a grant made twice. */
public final class Conflict extends SignetException {
    public Conflict(String message) {
        super(message);
    }

    public Conflict(String message, Throwable cause) {
        super(message, cause);
    }
}
