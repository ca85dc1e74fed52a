package dev.signet.domain.verification;

import dev.signet.domain.key.KeyFingerprint;

/** The signature was made by a key the verifier does not trust (or no longer trusts). */
public final class UntrustedSigner extends VerificationFailure {
    private final KeyFingerprint signer;

    public UntrustedSigner(KeyFingerprint signer, String reason) {
        super("signer " + signer.hex() + " " + reason);
        this.signer = signer;
    }

    public KeyFingerprint signer() {
        return signer;
    }

    @Override
    public String auditReason() {
        return "untrusted_signer";
    }
}
