package dev.signet.domain.verification;

import dev.signet.domain.Require;
import dev.signet.domain.key.KeyFingerprint;
import dev.signet.domain.time.TimeBasis;
import java.util.Optional;

/**
 * The signature was made by a key the verifier does not trust (or no longer trusts, or not at the time the
 * signature was judged at). {@code timeBasis} is that time, when the refusal depended on one.
 */
public final class UntrustedSigner extends VerificationFailure {
    private final KeyFingerprint signer;
    private final Optional<TimeBasis> timeBasis;

    public UntrustedSigner(KeyFingerprint signer, String reason) {
        super("signer " + signer.hex() + " " + reason);
        this.signer = signer;
        this.timeBasis = Optional.empty();
    }

    /** Untrusted when judged at {@code timeBasis}; the message ends with the basis. */
    public UntrustedSigner(KeyFingerprint signer, String reason, TimeBasis timeBasis) {
        super("signer " + signer.hex() + " " + reason + " (judged at " + Require.present(timeBasis, "time basis")
                .describe() + ")");
        this.signer = signer;
        this.timeBasis = Optional.of(timeBasis);
    }

    public KeyFingerprint signer() {
        return signer;
    }

    public Optional<TimeBasis> timeBasis() {
        return timeBasis;
    }

    @Override
    public String auditReason() {
        return "untrusted_signer";
    }
}
