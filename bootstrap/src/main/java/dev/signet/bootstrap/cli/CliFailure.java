package dev.signet.bootstrap.cli;

import dev.signet.domain.SignetException;

/** A problem with what the command line pointed at (a key file missing, unreadable or too big). */
final class CliFailure extends SignetException {
    CliFailure(String message) {
        super(message);
    }

    CliFailure(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public String errorName() {
        return "Error";
    }
}
