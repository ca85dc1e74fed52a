package dev.signet.adapters.http;

import dev.signet.domain.principal.Principal;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import java.time.Duration;

/**
 * One Resilience4j rate limiter per principal (kind and id, never a credential): a caller over its limit gets
 * 429 at once, without waiting, so that one runaway pipeline cannot starve the others of the HSM and the database.
 * Per node: N nodes allow N times the limit.
 */
final class PrincipalRateLimits {
    private final RateLimiterRegistry registry;
    private final long retryAfterSeconds;

    PrincipalRateLimits(ServiceConfig.RateLimit limit) {
        this.registry = RateLimiterRegistry.of(RateLimiterConfig.custom().limitForPeriod(limit.requests())
                .limitRefreshPeriod(limit.period()).timeoutDuration(Duration.ZERO).build());
        this.retryAfterSeconds = Math.max(1, limit.period().toSeconds());
    }

    void acquire(Principal principal) {
        RateLimiter limiter = registry.rateLimiter(principal.kind().wireName() + ":" + principal.id());
        if (!limiter.acquirePermission()) {
            throw new TooManyRequests(principal.kind().wireName() + " " + principal.id() + " is over its rate limit");
        }
    }

    String retryAfterSeconds() {
        return Long.toString(retryAfterSeconds);
    }

    static final class TooManyRequests extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TooManyRequests(String message) {
            super(message);
        }
    }
}
