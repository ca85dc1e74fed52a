package dev.signet.adapters.persistence.db.tx;

import dev.signet.application.port.out.DatabaseUnavailable;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Runs a unit of database work again while it fails to reach the database (see {@link TransientFailures}),
 * with exponential backoff, and turns the last such failure into {@link DatabaseUnavailable}. Any other
 * failure, a DatabaseUnavailable the attempt itself threw included, reaches the caller at once, unchanged.
 */
public final class DatabaseRetry {
    private final Retry retry;
    private final int maxAttempts;
    private final String secretToMask;

    /** @param secretToMask a password never to repeat in an error message (may be null) */
    public DatabaseRetry(RetryPolicy policy, String secretToMask) {
        Objects.requireNonNull(policy, "retry policy");
        this.maxAttempts = policy.maxAttempts();
        this.secretToMask = secretToMask;
        this.retry = Retry.of("signet-database", RetryConfig.custom()
                .maxAttempts(policy.maxAttempts())
                .intervalFunction(IntervalFunction.ofExponentialBackoff(policy.initialBackoff(), policy.multiplier()))
                .retryOnException(DatabaseRetry::worthRetrying)
                .build());
    }

    public <T> T call(Supplier<T> attempt) {
        try {
            return retry.executeSupplier(attempt);
        } catch (RuntimeException e) {
            if (worthRetrying(e)) {
                throw new DatabaseUnavailable("database unreachable after " + maxAttempts + " attempts: "
                        + describe(e), e);
            }
            throw e;
        }
    }

    /** The failure's root cause on one line, with the password masked. */
    public String describe(Throwable failure) {
        return TransientFailures.describeRootCause(failure, secretToMask);
    }

    /** A DatabaseUnavailable from the attempt is already final (see MyBatisTransactions' commit). */
    private static boolean worthRetrying(Throwable failure) {
        return !(failure instanceof DatabaseUnavailable) && TransientFailures.isTransient(failure);
    }
}
