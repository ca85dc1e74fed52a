package dev.signet.application.service;

import dev.signet.domain.revocation.Revocation;
import dev.signet.domain.revocation.RevocationReason;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/** The revocation a command asks for, recorded {@code now}: signing keys and trusted keys alike. */
final class Revocations {
    private Revocations() {
    }

    /** @throws IllegalArgumentException for a retirement with an effective time, or an effective time after now */
    static Revocation requested(RevocationReason reason, Optional<Instant> effectiveAt, Instant now) {
        if (reason == RevocationReason.RETIRED) {
            if (effectiveAt.isPresent()) {
                throw new IllegalArgumentException("a retirement takes effect when it is recorded and takes no"
                        + " effective time; to fail the key's signatures from an earlier time, revoke it as"
                        + " compromised with that effective time");
            }
            return Revocation.retired(now);
        }
        Instant effective = effectiveAt.map(at -> at.truncatedTo(ChronoUnit.MICROS)).orElse(now);
        if (effective.isAfter(now)) {
            throw new IllegalArgumentException("a revocation cannot take effect in the future (" + effective
                    + " is after now, " + now + "); to stop trusting a key later, give it --not-after");
        }
        return Revocation.compromised(effective, now);
    }
}
