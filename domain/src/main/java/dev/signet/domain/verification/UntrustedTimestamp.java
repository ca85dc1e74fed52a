package dev.signet.domain.verification;

import dev.signet.domain.Require;

/**
 * The signature carries a timestamp token that a TSA the verifier trusts did not vouch for, or not for this
 * signature. A verification that was given TSA trust refuses such a package rather than judge it at the
 * current time: a forged or misplaced timestamp is a sign of tampering, never a missing one.
 */
public final class UntrustedTimestamp extends VerificationFailure {
    /** Why the timestamp does not count; {@link #code} is what the audit record and JSON name. */
    public enum Reason {
        IMPRINT_MISMATCH("imprint_mismatch", "its imprint is not the SHA-256 of this signature"),
        UNTRUSTED_TSA("untrusted_tsa", "its signer does not chain to a trusted TSA certificate"),
        NO_TIMESTAMPING_EKU("no_timestamping_eku",
                "its signer certificate lacks the critical timeStamping extended key usage"),
        BAD_TOKEN_SIGNATURE("bad_token_signature", "the token's CMS signature does not verify");

        private final String code;
        private final String explanation;

        Reason(String code, String explanation) {
            this.code = code;
            this.explanation = explanation;
        }

        public String code() {
            return code;
        }
    }

    private final Reason reason;

    public UntrustedTimestamp(Reason reason, String detail) {
        super("timestamp refused (" + Require.present(reason, "reason").code + "): " + reason.explanation
                + (detail.isEmpty() ? "" : " (" + detail + ")"));
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    @Override
    public String auditReason() {
        return "untrusted_timestamp";
    }
}
