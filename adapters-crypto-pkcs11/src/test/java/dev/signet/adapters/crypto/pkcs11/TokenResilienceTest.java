package dev.signet.adapters.crypto.pkcs11;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signet.domain.NotFound;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The retry, circuit-breaker and bulkhead rules, without a token: attempts that fail on purpose. */
class TokenResilienceTest {

    private static TokenResilience resilience(int concurrent, int attempts) {
        return new TokenResilience("t", concurrent, attempts, Duration.ZERO, Duration.ofSeconds(5),
                Duration.ofMinutes(1));
    }

    @Test
    void a_lost_session_is_retried_and_the_next_attempt_succeeds() {
        AtomicInteger attempts = new AtomicInteger();
        String result = resilience(1, 3).call("signing", () -> {
            if (attempts.incrementAndGet() == 1) {
                throw new Pkcs11Failure("C_Sign", Pkcs11Failure.CKR_SESSION_HANDLE_INVALID);
            }
            return "signed";
        });
        assertThat(result).isEqualTo("signed");
        assertThat(attempts).hasValue(2);
    }

    @Test
    void retries_are_bounded_and_the_last_failure_is_reported() {
        AtomicInteger attempts = new AtomicInteger();
        assertThatThrownBy(() -> resilience(1, 3).call("signing", () -> {
            attempts.incrementAndGet();
            throw new Pkcs11Failure("C_Login", Pkcs11Failure.CKR_USER_NOT_LOGGED_IN);
        })).isInstanceOf(Pkcs11Failure.class).hasMessageContaining("CKR_USER_NOT_LOGGED_IN");
        assertThat(attempts).hasValue(3);
    }

    @Test
    void a_wrong_pin_is_never_tried_twice() {
        AtomicInteger attempts = new AtomicInteger();
        assertThatThrownBy(() -> resilience(1, 3).call("signing", () -> {
            attempts.incrementAndGet();
            throw new Pkcs11Failure("C_Login", Pkcs11Failure.CKR_PIN_INCORRECT);
        })).isInstanceOf(Pkcs11Failure.class).hasMessageContaining("CKR_PIN_INCORRECT");
        assertThat(attempts).hasValue(1);
    }

    @Test
    void a_refused_request_is_not_retried_and_does_not_count_against_the_token() {
        TokenResilience resilience = resilience(1, 3);
        AtomicInteger attempts = new AtomicInteger();
        for (int i = 0; i < 20; i++) {
            assertThatThrownBy(() -> resilience.call("signing", () -> {
                attempts.incrementAndGet();
                throw new NotFound("no such key");
            })).isInstanceOf(NotFound.class);
        }
        assertThat(attempts).hasValue(20);
        assertThat(resilience.circuitState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void a_token_that_keeps_failing_opens_the_circuit_and_calls_then_fail_at_once() {
        TokenResilience resilience = resilience(1, 1);
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> resilience.call("signing", () -> {
                throw new Pkcs11Failure("C_Sign", Pkcs11Failure.CKR_DEVICE_ERROR);
            })).isInstanceOf(Pkcs11Failure.class);
        }
        assertThat(resilience.circuitState()).isEqualTo(CircuitBreaker.State.OPEN);
        AtomicInteger attempts = new AtomicInteger();
        assertThatThrownBy(() -> resilience.call("signing", () -> attempts.incrementAndGet()))
                .isInstanceOf(Pkcs11Unavailable.class)
                .hasMessageContaining("keeps failing").hasMessageContaining("circuit breaker open")
                .hasMessageContaining("CKR_DEVICE_ERROR");
        assertThat(attempts).hasValue(0);
    }

    @Test
    void the_bulkhead_admits_no_more_calls_at_once_than_the_pool_has_sessions() throws Exception {
        TokenResilience resilience = resilience(2, 1);
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                results.add(threads.submit(() -> {
                    start.await();
                    return resilience.call("signing", () -> {
                        most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                        try {
                            Thread.sleep(20);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        inFlight.decrementAndGet();
                        return 1;
                    });
                }));
            }
            start.countDown();
            int done = 0;
            for (Future<Integer> result : results) {
                done += result.get(30, TimeUnit.SECONDS);
            }
            assertThat(done).isEqualTo(8);
            assertThat(most.get()).isEqualTo(2);
        } finally {
            threads.shutdownNow();
        }
    }
}
