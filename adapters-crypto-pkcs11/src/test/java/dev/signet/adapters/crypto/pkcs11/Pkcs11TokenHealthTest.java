package dev.signet.adapters.crypto.pkcs11;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.application.port.out.HsmHealth;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What /readyz and the session-pool gauges read from a real SoftHSM token. */
class Pkcs11TokenHealthTest {
    private Pkcs11KeyCustodian custodian;

    @BeforeEach
    void openToken() {
        custodian = TestToken.require().open(2);
    }

    @AfterEach
    void closeToken() {
        if (custodian != null) {
            custodian.close();
        }
    }

    @Test
    void a_token_that_answers_has_no_problem_and_counts_the_sessions_lent_out() throws Exception {
        HsmHealth health = custodian.health();
        assertThat(health.problem()).isEmpty();
        assertThat(health.sessionUse()).isEqualTo(new HsmHealth.SessionUse(2, 0));

        CountDownLatch lent = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> holder = CompletableFuture.runAsync(() -> custodian.inSession(session -> {
            lent.countDown();
            await(release);
            return null;
        }));
        try {
            assertThat(lent.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(health.sessionUse()).isEqualTo(new HsmHealth.SessionUse(2, 1));
            assertThat(health.problem()).as("the idle session answers").isEmpty();
        } finally {
            release.countDown();
        }
        holder.get(10, TimeUnit.SECONDS);
        assertThat(health.sessionUse()).isEqualTo(new HsmHealth.SessionUse(2, 0));
    }

    @Test
    void sessions_gone_behind_the_pools_back_are_reported_once_in_one_line_then_repaired() {
        List<Long> handles = custodian.pool().openSessionHandles();
        for (long handle : handles) {
            custodian.cryptoki().closeSession(handle); // what a token reset or C_CloseAllSessions does
        }
        HsmHealth health = custodian.health();

        assertThat(health.problem()).hasValueSatisfying(problem -> assertThat(problem)
                .isEqualTo("PKCS#11 token '" + custodian.tokenLabel()
                        + "' does not answer: C_GetSessionInfo returned CKR_SESSION_HANDLE_INVALID"));
        assertThat(health.problem()).as("the failed probe made the pool reopen its sessions").isEmpty();
        assertThat(custodian.pool().openSessionHandles()).doesNotContainAnyElementsOf(handles);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
