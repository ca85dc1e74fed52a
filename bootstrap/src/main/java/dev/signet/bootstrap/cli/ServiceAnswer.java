package dev.signet.bootstrap.cli;

import dev.signet.domain.SignetException;

/**
 * The service refused a request: its problem's {@code title} is the error's name (Unauthenticated, Forbidden,
 * TamperedPackage, ...), so the CLI reports it as the local command would, with the same exit code.
 */
final class ServiceAnswer extends SignetException {
    private final String title;
    private final int status;

    ServiceAnswer(int status, String title, String detail) {
        super(detail + " (the server answered " + status + ")");
        this.title = title;
        this.status = status;
    }

    @Override
    public String errorName() {
        return title;
    }

    int status() {
        return status;
    }

    int exitCode() {
        return switch (title) {
            case "TamperedPackage" -> ExitCodes.TAMPERED_PACKAGE;
            case "UntrustedSigner" -> ExitCodes.UNTRUSTED_SIGNER;
            case "InvalidSignature" -> ExitCodes.INVALID_SIGNATURE;
            case "SignatureNotFound" -> ExitCodes.SIGNATURE_NOT_FOUND;
            case "MalformedSignature" -> ExitCodes.MALFORMED_SIGNATURE;
            case "UntrustedTimestamp" -> ExitCodes.UNTRUSTED_TIMESTAMP;
            default -> ExitCodes.ERROR;
        };
    }
}
