package dev.signet.adapters.crypto.pkcs11;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.application.port.out.HsmKeyCustodian.HsmKey;
import dev.signet.domain.key.KeyId;
import dev.signet.domain.signature.Ed25519Signature;
import dev.signet.domain.signature.SignedMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Sessions and logins that vanish behind the pool's back, as another component of the process (or a
 * token hiccup) can make them vanish, and many threads sharing few sessions.
 */
class SessionRecoveryTest {
    private TestToken token;
    private Pkcs11KeyCustodian custodian;
    private HsmKey key;

    @BeforeEach
    void openToken() {
        token = TestToken.require();
        custodian = token.open(2);
        key = custodian.generate(KeyId.random());
    }

    @AfterEach
    void closeToken() {
        if (custodian != null) {
            custodian.close();
        }
    }

    @Test
    void after_all_sessions_are_closed_behind_the_pools_back_signing_succeeds_after_reopening_and_login() {
        List<Long> handles = custodian.pool().openSessionHandles();
        assertThat(handles).hasSize(2);
        // What C_CloseAllSessions does (the JDK wrapper lacks that one call): every session of the
        // application on the token closed, and with the last one its login gone.
        for (long handle : handles) {
            custodian.cryptoki().closeSession(handle);
        }

        assertSigns(custodian, key);
        assertSigns(custodian, key);
        assertThat(custodian.resilience().retryMetrics().getNumberOfSuccessfulCallsWithRetryAttempt())
                .as("the first signature needed a second attempt").isEqualTo(1);
        assertThat(custodian.pool().openSessionHandles()).doesNotContainAnyElementsOf(handles);
    }

    @Test
    void after_a_logout_behind_the_pools_back_signing_succeeds_after_logging_in_again() {
        Cryptoki cryptoki = custodian.cryptoki();
        // A session of its own: a login belongs to the application, so this logs out the pool's too.
        long session = cryptoki.openSession(custodian.pool().slot(), Ck.CKF_SERIAL_SESSION);
        try {
            cryptoki.logout(session);
            assertThat(cryptoki.getSessionInfo(custodian.pool().openSessionHandles().get(0)).state())
                    .as("the pool's sessions are public now").isEqualTo(2 /* CKS_RW_PUBLIC_SESSION */);

            assertSigns(custodian, key);
            assertSigns(custodian, key);
        } finally {
            cryptoki.closeSession(session);
        }
        assertThat(custodian.resilience().retryMetrics().getNumberOfSuccessfulCallsWithRetryAttempt()).isEqualTo(1);
    }

    @Test
    void eight_threads_signing_through_two_sessions_all_succeed_and_every_signature_verifies() throws Exception {
        int threads = 8;
        int signaturesEach = 25;
        ExecutorService executor = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                results.add(executor.submit(() -> {
                    start.await();
                    int verified = 0;
                    for (int i = 0; i < signaturesEach; i++) {
                        SignedMessage message = TestToken.randomMessage();
                        Ed25519Signature signature = custodian.sign(key.custody(), message);
                        if (TestToken.verifies(key.publicKey().bytes(), message, signature.bytes())) {
                            verified++;
                        }
                    }
                    return verified;
                }));
            }
            start.countDown();
            int verified = 0;
            for (Future<Integer> result : results) {
                verified += result.get(120, TimeUnit.SECONDS);
            }
            assertThat(verified).isEqualTo(threads * signaturesEach);
            assertThat(custodian.pool().openSessionHandles()).hasSize(2);
        } finally {
            executor.shutdownNow();
        }
    }

    private static void assertSigns(Pkcs11KeyCustodian custodian, HsmKey key) {
        SignedMessage message = TestToken.randomMessage();
        Ed25519Signature signature = custodian.sign(key.custody(), message);
        assertThat(TestToken.verifies(key.publicKey().bytes(), message, signature.bytes())).isTrue();
    }
}
