package dev.signet.domain;

/**
 * Root of every error Signet reports on purpose. Messages are one line, name what went wrong and
 * never contain secret material; callers may show them to people as they are.
 */
public abstract class SignetException extends RuntimeException {
    protected SignetException(String message) {
        super(message);
    }

    protected SignetException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The error's name as the CLI and logs print it, e.g. {@code TamperedPackage}. */
    public String errorName() {
        return getClass().getSimpleName();
    }
}
