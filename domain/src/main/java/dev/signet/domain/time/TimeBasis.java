package dev.signet.domain.time;

import dev.signet.domain.Require;
import java.time.Instant;
import java.util.Optional;

/**
 * The time a verification judged a signature at. A signature's own {@code signed_at} is written by the
 * signer and proves nothing; only a timestamp token from a trusted time-stamping authority (RFC 3161)
 * lets a key retired or compromised at T keep the signatures provably made before T.
 */
public sealed interface TimeBasis {

    /** The instant the trust rule compares revocations and validity windows against. */
    Instant time();

    /** How results, audit records and {@code trust explain} name the basis, in one phrase. */
    String describe();

    static TimeBasis currentTime(Instant now) {
        return new CurrentTime(now, Optional.empty());
    }

    /** A timestamp that verified and chains to a TSA certificate the organization trusts. */
    record TrustedTime(Instant time, String tsaSubject) implements TimeBasis {
        public TrustedTime {
            Require.present(time, "trusted time");
            Require.present(tsaSubject, "TSA subject");
        }

        @Override
        public String describe() {
            return "trusted time " + time + " from TSA " + tsaSubject;
        }
    }

    /**
     * No trusted time: the verification happened now. {@code uncheckedTimestamp} says why a timestamp the
     * {@code .sig} carries did not count (for example "timestamp not checked: no TSA configured").
     */
    record CurrentTime(Instant time, Optional<String> uncheckedTimestamp) implements TimeBasis {
        public CurrentTime {
            Require.present(time, "current time");
            Require.present(uncheckedTimestamp, "why a timestamp was not checked");
        }

        @Override
        public String describe() {
            return uncheckedTimestamp.map(why -> "no trusted time (" + why + "): current time")
                    .orElse("no trusted time: current time");
        }
    }
}
