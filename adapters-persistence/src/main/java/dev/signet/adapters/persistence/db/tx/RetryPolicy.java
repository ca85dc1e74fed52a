package dev.signet.adapters.persistence.db.tx;

import java.time.Duration;
import java.util.Objects;

/**
 * How often a whole transaction is tried when the database cannot be reached, and how long to wait between
 * tries: {@code initialBackoff}, then that times {@code multiplier}, and so on.
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, double multiplier) {
    public static final int DEFAULT_MAX_ATTEMPTS = 3;
    public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(200);
    public static final double DEFAULT_MULTIPLIER = 2.0;

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("database attempts must be at least 1, got " + maxAttempts);
        }
        Objects.requireNonNull(initialBackoff, "initial backoff");
        if (initialBackoff.toMillis() < 1) {
            throw new IllegalArgumentException("database retry backoff must be at least 1 ms, got " + initialBackoff);
        }
        if (!(multiplier >= 1.0)) {
            throw new IllegalArgumentException("database retry multiplier must be at least 1, got " + multiplier);
        }
    }

    /** 3 attempts, waiting 200 ms then 400 ms. */
    public static RetryPolicy defaults() {
        return new RetryPolicy(DEFAULT_MAX_ATTEMPTS, DEFAULT_INITIAL_BACKOFF, DEFAULT_MULTIPLIER);
    }

    public RetryPolicy withMaxAttempts(int attempts) {
        return new RetryPolicy(attempts, initialBackoff, multiplier);
    }

    public RetryPolicy withInitialBackoff(Duration backoff) {
        return new RetryPolicy(maxAttempts, backoff, multiplier);
    }
}
