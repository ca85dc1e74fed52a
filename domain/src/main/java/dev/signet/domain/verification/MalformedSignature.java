package dev.signet.domain.verification;

/** A detached signature file that cannot be read as compat.md's version 1 format. */
public final class MalformedSignature extends VerificationFailure {
    public MalformedSignature(String reason) {
        super("signature file is corrupt or invalid format: " + reason);
    }

    @Override
    public String auditReason() {
        return "malformed_signature";
    }
}
