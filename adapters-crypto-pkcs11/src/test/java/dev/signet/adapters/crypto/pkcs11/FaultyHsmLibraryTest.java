package dev.signet.adapters.crypto.pkcs11;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.signet.application.port.out.HsmKeyCustodian.HsmKey;
import dev.signet.domain.SignetException;
import dev.signet.domain.key.KeyId;
import dev.signet.domain.signature.Ed25519Signature;
import dev.signet.domain.signature.SignedMessage;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The HSM library itself failing in the middle of signing: a real PKCS#11 library (see
 * {@link FaultyPkcs11Library}) whose C_Sign and C_SignInit return errors while its control file says so. Signing
 * then fails with Signet's typed error and one clear line (no PIN), retried only when a retry can help and
 * bounded by the retry limit and the circuit breaker; once the fault clears, the same custodian (same pool,
 * no restart) signs again and the signatures verify.
 */
class FaultyHsmLibraryTest {
    private static final Duration OPEN_FOR = Duration.ofMillis(500);
    private static final int ATTEMPTS = 3;
    private static final int POOL = 2;

    private static FaultyPkcs11Library faulty;
    private TestToken token;
    private Pkcs11KeyCustodian custodian;
    private HsmKey key;

    @BeforeAll
    static void buildTheShim() throws IOException {
        faulty = FaultyPkcs11Library.build(Path.of(""), TestToken.require().library());
    }

    @BeforeEach
    void openThroughTheShim() throws IOException {
        token = TestToken.require();
        faulty.heal();
        custodian = Pkcs11KeyCustodian.open(token.config(POOL).withLibrary(faulty.library())
                .withResilience(ATTEMPTS, Duration.ofMillis(10), Duration.ofSeconds(10), OPEN_FOR));
        key = custodian.generate(KeyId.random());
    }

    @AfterEach
    void closeAndHeal() throws IOException {
        if (custodian != null) {
            custodian.close();
        }
        if (faulty != null) {
            faulty.heal();
        }
    }

    @Test
    void a_device_error_in_C_Sign_fails_that_signing_in_one_clear_line_without_a_retry_and_the_next_one_works()
            throws IOException {
        faulty.failNext("C_Sign", Pkcs11Failure.CKR_DEVICE_ERROR, 5);

        Throwable failure = catchThrowable(() -> custodian.sign(key.custody(), TestToken.randomMessage()));

        assertThat(failure).isInstanceOf(Pkcs11Failure.class);
        assertOneCleanLine(failure, "C_Sign failed: CKR_DEVICE_ERROR (0x30)");
        assertThat(faulty.remainingFailures()).as("a device error is not retried: one call reached C_Sign")
                .isEqualTo(4);
        faulty.heal();
        for (int i = 0; i < 2 * POOL; i++) {
            assertSigns(); // every session of the pool is lent at least once, the failed one reopened
        }
        assertThat(custodian.pool().openSessionHandles()).hasSize(POOL);
    }

    @Test
    void a_C_Sign_that_fails_and_leaves_its_operation_active_does_not_spoil_the_session_for_later_signings()
            throws IOException {
        faulty.failNextLeavingTheOperationActive(Pkcs11Failure.CKR_DEVICE_ERROR, 1);

        Throwable failure = catchThrowable(() -> custodian.sign(key.custody(), TestToken.randomMessage()));

        assertThat(failure).isInstanceOf(Pkcs11Failure.class);
        assertOneCleanLine(failure, "C_Sign failed: CKR_DEVICE_ERROR (0x30)");
        for (int i = 0; i < 2 * POOL; i++) {
            assertSigns(); // every session of the pool is lent at least once
        }
        assertThat(custodian.pool().openSessionHandles()).hasSize(POOL);
    }

    @Test
    void a_session_lost_in_C_Sign_is_retried_on_a_repaired_session_and_the_signing_succeeds() throws IOException {
        faulty.failNext("C_Sign", Pkcs11Failure.CKR_SESSION_HANDLE_INVALID, 1);

        assertSigns();

        assertThat(faulty.remainingFailures()).isZero();
        assertThat(custodian.resilience().retryMetrics().getNumberOfSuccessfulCallsWithRetryAttempt()).isEqualTo(1);
        assertSigns();
    }

    @Test
    void a_session_lost_on_every_attempt_fails_after_the_attempt_limit_with_the_last_error() throws IOException {
        faulty.failNext("C_SignInit", Pkcs11Failure.CKR_SESSION_HANDLE_INVALID, 100);

        Throwable failure = catchThrowable(() -> custodian.sign(key.custody(), TestToken.randomMessage()));

        assertThat(failure).isInstanceOf(Pkcs11Failure.class);
        assertOneCleanLine(failure, "C_SignInit failed: CKR_SESSION_HANDLE_INVALID (0xB3)");
        assertThat(faulty.remainingFailures()).as("exactly the configured attempts").isEqualTo(100 - ATTEMPTS);
        faulty.heal();
        assertSigns();
    }

    @Test
    void a_device_removed_for_good_opens_the_circuit_and_once_it_is_back_the_same_pool_signs_again()
            throws Exception {
        int budget = 1000;
        faulty.failNext("C_Sign", Pkcs11Failure.CKR_DEVICE_REMOVED, budget);

        Throwable first = catchThrowable(() -> custodian.sign(key.custody(), TestToken.randomMessage()));
        assertThat(first).isInstanceOf(Pkcs11Failure.class);
        assertOneCleanLine(first, "C_Sign failed: CKR_DEVICE_REMOVED (0x32)");
        Throwable refused = null;
        for (int call = 0; call < 5 && refused == null; call++) {
            Throwable next = catchThrowable(() -> custodian.sign(key.custody(), TestToken.randomMessage()));
            assertThat(next).isInstanceOf(SignetException.class);
            if (next instanceof Pkcs11Unavailable) {
                refused = next;
            }
        }
        assertThat(refused).as("the circuit breaker opened").isNotNull();
        assertOneCleanLine(refused, "circuit breaker open");
        assertThat(refused.getMessage()).contains("last failure: C_Sign failed: CKR_DEVICE_REMOVED");
        int attempted = budget - faulty.remainingFailures();
        // The first signing tried all its attempts; the breaker opens once its window holds 5 calls (the key's
        // generation among them) and at least half failed, so no more than that reached the library.
        assertThat(attempted).as("calls that reached the library").isBetween(ATTEMPTS, 5 + ATTEMPTS);
        Throwable whileOpen = catchThrowable(() -> custodian.sign(key.custody(), TestToken.randomMessage()));
        assertThat(whileOpen).isInstanceOf(Pkcs11Unavailable.class);
        assertThat(budget - faulty.remainingFailures()).as("an open circuit spares the library").isEqualTo(attempted);
        assertThat(custodian.health().problem()).as("/readyz while the circuit is open").hasValueSatisfying(
                problem -> assertThat(problem).contains("circuit breaker open").contains("CKR_DEVICE_REMOVED"));

        faulty.heal();
        Thread.sleep(OPEN_FOR.toMillis() + 100);

        for (int i = 0; i < 10; i++) {
            assertSigns();
        }
        assertThat(custodian.resilience().circuitState()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(custodian.pool().openSessionHandles()).hasSize(POOL);
        assertThat(custodian.health().problem()).as("ready again").isEmpty();
    }

    private void assertSigns() {
        SignedMessage message = TestToken.randomMessage();
        Ed25519Signature signature = custodian.sign(key.custody(), message);
        assertThat(TestToken.verifies(key.publicKey().bytes(), message, signature.bytes())).isTrue();
    }

    private void assertOneCleanLine(Throwable failure, String expected) {
        String message = failure.getMessage();
        assertThat(message).contains(expected).doesNotContain("\n", "\r").doesNotContain("Exception");
        // Hex ids may hold the PIN's digits by chance; the PIN must not appear anywhere else.
        assertThat(message.replaceAll("[0-9A-Fa-f]{16,}", "")).doesNotContain(token.pin());
    }
}
