package dev.signet.application.service;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Times that go to the database are cut to microseconds, the precision both databases keep. */
final class Timestamps {
    private Timestamps() {
    }

    static Instant now(Clock clock) {
        return micros(clock.instant());
    }

    static Instant micros(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }
}
