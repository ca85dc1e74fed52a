package dev.signet.domain.verification;

import dev.signet.domain.SignetException;

/**
 * The ways a package can fail verification: compat.md's five, plus UntrustedTimestamp (issue 14). Online and offline
 * verification, the package loader and the CLI all report these same types.
 */
public abstract sealed class VerificationFailure extends SignetException
        permits TamperedPackage, UntrustedSigner, InvalidSignature, SignatureNotFound, MalformedSignature,
        UntrustedTimestamp {

    protected VerificationFailure(String message) {
        super(message);
    }

    /** The failure_reason written to audit events, as Cloacina spells it. */
    public abstract String auditReason();
}
