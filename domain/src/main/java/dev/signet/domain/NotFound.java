package dev.signet.domain;

/** Something named by the caller (an organization, a key, a grant) does not exist. */
public final class NotFound extends SignetException {
    public NotFound(String message) {
        super(message);
    }
}
