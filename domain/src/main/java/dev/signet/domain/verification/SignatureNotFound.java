package dev.signet.domain.verification;

/** Neither a detached signature file nor a stored signature exists for the package. */
public final class SignatureNotFound extends VerificationFailure {
    public SignatureNotFound(String where) {
        super("no signature found: " + where);
    }

    @Override
    public String auditReason() {
        return "signature_not_found";
    }
}
