package dev.signet.bootstrap.cli;

import dev.signet.domain.SignetException;
import dev.signet.domain.verification.InvalidSignature;
import dev.signet.domain.verification.MalformedSignature;
import dev.signet.domain.verification.SignatureNotFound;
import dev.signet.domain.verification.TamperedPackage;
import dev.signet.domain.verification.UntrustedSigner;

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
        }
        return ERROR;
    }

    /** The one line printed on stderr: the error's name, a colon, the message. */
    static String describe(Throwable failure) {
        String name = failure instanceof SignetException signet ? signet.errorName()
                : failure instanceof IllegalArgumentException ? "InvalidInput"
                : failure.getClass().getSimpleName();
        String message = failure.getMessage() == null ? "" : failure.getMessage();
        return (name + ": " + message).replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }
}
