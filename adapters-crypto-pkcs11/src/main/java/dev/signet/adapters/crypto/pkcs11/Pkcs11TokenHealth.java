package dev.signet.adapters.crypto.pkcs11;

import dev.signet.application.port.out.HsmHealth;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.util.Optional;

/**
 * The token's health as {@code /readyz} and {@code /metrics} see it. Not ready while the circuit breaker is open
 * (most recent calls hit token faults), or when C_GetSessionInfo in an idle session fails. The probe itself is
 * not counted by the circuit breaker: a readiness poll every few seconds must not decide whether signing is
 * refused. With every session lent out it asks nothing: the calls in flight are the evidence then.
 */
final class Pkcs11TokenHealth implements HsmHealth {
    private final SessionPool pool;
    private final TokenResilience resilience;

    Pkcs11TokenHealth(SessionPool pool, TokenResilience resilience) {
        this.pool = pool;
        this.resilience = resilience;
    }

    @Override
    public Optional<String> problem() {
        String token = "PKCS#11 token '" + pool.tokenLabel() + "'";
        if (resilience.circuitState() == CircuitBreaker.State.OPEN) {
            return Optional.of(token + " keeps failing (circuit breaker open); last failure: "
                    + resilience.lastFault());
        }
        try {
            pool.probeIdle();
            return Optional.empty();
        } catch (Pkcs11Failure failure) {
            return Optional.of(token + " does not answer: " + failure.function() + " returned "
                    + failure.codeName());
        } catch (RuntimeException e) {
            return Optional.of(token + " does not answer: " + e.getClass().getSimpleName());
        }
    }

    @Override
    public SessionUse sessionUse() {
        return pool.sessionUse();
    }
}
