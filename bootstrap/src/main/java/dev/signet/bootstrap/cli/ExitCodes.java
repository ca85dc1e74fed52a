package dev.signet.bootstrap.cli;

import dev.signet.adapters.persistence.db.EmbeddedDatabaseInUse;
import dev.signet.domain.SignetException;
import dev.signet.domain.verification.InvalidSignature;
import dev.signet.domain.verification.MalformedSignature;
import dev.signet.domain.verification.SignatureNotFound;
import dev.signet.domain.verification.TamperedPackage;
import dev.signet.domain.verification.UntrustedSigner;
import dev.signet.domain.verification.UntrustedTimestamp;

/** The exit codes of cli.md: pipelines branch on these, so they only change with a documented reason. */
final class ExitCodes {
    static final int OK = 0;
    static final int ERROR = 1;
    static final int USAGE = 2;
    static final int TAMPERED_PACKAGE = 3;
    static final int UNTRUSTED_SIGNER = 4;
    static final int INVALID_SIGNATURE = 5;
    static final int SIGNATURE_NOT_FOUND = 6;
    static final int MALFORMED_SIGNATURE = 7;
    static final int UNTRUSTED_TIMESTAMP = 8;

    private ExitCodes() {
    }

    static int of(Throwable failure) {
        if (failure instanceof TamperedPackage) {
            return TAMPERED_PACKAGE;
        } else if (failure instanceof UntrustedSigner) {
            return UNTRUSTED_SIGNER;
        } else if (failure instanceof InvalidSignature) {
            return INVALID_SIGNATURE;
        } else if (failure instanceof SignatureNotFound) {
            return SIGNATURE_NOT_FOUND;
        } else if (failure instanceof MalformedSignature) {
            return MALFORMED_SIGNATURE;
        } else if (failure instanceof ServiceAnswer answer) {
            return answer.exitCode();
        } else if (failure instanceof UntrustedTimestamp) {
            return UNTRUSTED_TIMESTAMP;
        }
        return ERROR;
    }

    /** The one line printed on stderr: the error's name, a colon, the message. */
    static String describe(Throwable failure) {
        return oneLine(name(failure) + ": " + message(failure));
    }

    /** With --json, the failure as one JSON object on stdout as well: error, message and exit_code. */
    static JsonLine json(Throwable failure) {
        return json(name(failure), oneLine(message(failure)), of(failure));
    }

    static JsonLine json(String errorName, String message, int exitCode) {
        return new JsonLine().put("error", errorName).put("message", message).putNumber("exit_code", exitCode);
    }

    /** Line breaks folded into spaces, other control characters shown as escapes (a value may hold any). */
    static String oneLine(String text) {
        StringBuilder line = new StringBuilder();
        text.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip().codePoints().forEach(c -> {
            if (Character.isISOControl(c)) {
                line.append(String.format("\\u%04x", c));
            } else {
                line.appendCodePoint(c);
            }
        });
        return line.toString();
    }

    private static String name(Throwable failure) {
        return failure instanceof SignetException signet ? signet.errorName()
                : failure instanceof IllegalArgumentException ? "InvalidInput"
                : failure.getClass().getSimpleName();
    }

    private static String message(Throwable failure) {
        String message = failure.getMessage() == null ? "" : failure.getMessage();
        // the settings the CLI has for what the message describes
        return failure instanceof EmbeddedDatabaseInUse ? message + " (--db-url); to wait longer: --db-wait SECONDS"
                : message;
    }
}
