package dev.signet.adapters.crypto.pkcs11;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * What every call to the token goes through, outermost first:
 * <ul>
 * <li>a Retry, only for a lost session, login or token ({@link Pkcs11Failure#isRecoverable()}): the
 * pool has already dropped or flagged the session, so the next attempt gets a repaired one. Nothing
 * else is retried: a refused request would be refused again, and a wrong PIN must never be tried twice;</li>
 * <li>a CircuitBreaker that counts only token faults ({@link Pkcs11Failure#isTokenFault()}) and, when
 * most recent calls failed that way, fails calls at once for a while instead of piling them onto a
 * broken device;</li>
 * <li>a semaphore Bulkhead admitting as many calls at a time as the pool has sessions, so that callers
 * queue (fairly, up to the acquire timeout) rather than all hammering the pool.</li>
 * </ul>
 * Resilience4j's own exceptions are turned into {@link Pkcs11Unavailable} here, so that callers only
 * ever see Signet's.
 */
final class TokenResilience {
    private static final int WINDOW = 10;
    private static final int MINIMUM_CALLS = 5;
    private static final float FAILURE_RATE_PERCENT = 50;

    private final String tokenLabel;
    private final Retry retry;
    private final CircuitBreaker circuitBreaker;
    private final Bulkhead bulkhead;
    private final Duration openFor;
    private final Duration acquireTimeout;
    private volatile String lastFault = "none recorded";

    TokenResilience(String tokenLabel, int concurrentCalls, int maxAttempts, Duration retryWait,
            Duration acquireTimeout, Duration openFor) {
        this.tokenLabel = tokenLabel;
        this.openFor = openFor;
        this.acquireTimeout = acquireTimeout;
        String name = "pkcs11-" + tokenLabel;
        Predicate<Throwable> recoverable = e -> e instanceof Pkcs11Failure f && f.isRecoverable();
        Predicate<Throwable> tokenFault = e -> e instanceof Pkcs11Failure f && f.isTokenFault();
        this.retry = Retry.of(name, RetryConfig.custom()
                .maxAttempts(maxAttempts)
                .waitDuration(retryWait)
                .retryOnException(recoverable)
                .build());
        this.circuitBreaker = CircuitBreaker.of(name, CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(WINDOW)
                .minimumNumberOfCalls(MINIMUM_CALLS)
                .failureRateThreshold(FAILURE_RATE_PERCENT)
                .waitDurationInOpenState(openFor)
                .permittedNumberOfCallsInHalfOpenState(1)
                .recordException(tokenFault)
                // A refusal (unknown key, sensitive attribute) says nothing about the token's health.
                .ignoreException(tokenFault.negate())
                .build());
        this.circuitBreaker.getEventPublisher().onError(event -> lastFault = event.getThrowable().getMessage());
        this.bulkhead = Bulkhead.of(name, BulkheadConfig.custom()
                .maxConcurrentCalls(concurrentCalls)
                .maxWaitDuration(acquireTimeout)
                .fairCallHandlingStrategyEnabled(true)
                .build());
    }

    TokenResilience(String tokenLabel, Pkcs11Config config) {
        this(tokenLabel, config.poolSize(), config.maxAttempts(), config.retryWait(), config.acquireTimeout(),
                config.circuitOpenFor());
    }

    /** Runs one attempt of {@code operation} per try, within the limits above. */
    <T> T call(String operation, Supplier<T> attempt) {
        Supplier<T> guarded = Retry.decorateSupplier(retry,
                CircuitBreaker.decorateSupplier(circuitBreaker, Bulkhead.decorateSupplier(bulkhead, attempt)));
        try {
            return guarded.get();
        } catch (CallNotPermittedException open) {
            throw new Pkcs11Unavailable("PKCS#11 token '" + tokenLabel + "' keeps failing, so " + operation
                    + " is refused for up to " + openFor + " (circuit breaker open); last failure: " + lastFault,
                    open);
        } catch (BulkheadFullException busy) {
            throw new Pkcs11Unavailable("PKCS#11 token '" + tokenLabel + "' is busy: no session freed up within "
                    + acquireTimeout + " for " + operation, busy);
        }
    }

    /** The message of the last token fault the circuit breaker counted. */
    String lastFault() {
        return lastFault;
    }

    CircuitBreaker.State circuitState() {
        return circuitBreaker.getState();
    }

    /** How many calls failed after exhausting their attempts, and how many needed a retry to succeed. */
    Retry.Metrics retryMetrics() {
        return retry.getMetrics();
    }
}
