package dev.signet.domain.verification;

import dev.signet.domain.key.KeyFingerprint;

/** The signer is trusted, but the Ed25519 signature does not check out over the package hash. */
public final class InvalidSignature extends VerificationFailure {
    private final KeyFingerprint signer;

    public InvalidSignature(KeyFingerprint signer) {
        super("the Ed25519 signature by " + signer.hex() + " does not verify over the package hash");
        this.signer = signer;
    }

    public KeyFingerprint signer() {
        return signer;
    }

    @Override
    public String auditReason() {
        return "invalid_signature";
    }
}
