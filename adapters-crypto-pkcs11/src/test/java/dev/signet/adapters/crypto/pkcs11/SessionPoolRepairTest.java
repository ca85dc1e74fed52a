package dev.signet.adapters.crypto.pkcs11;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The pool's repairs against a token that misbehaves on demand: one that is reset and comes back in
 * another slot, goes away for a while, closes every session and reuses their numbers, or logs out.
 * (SoftHSM cannot be made to do the first two; the SoftHSM tests cover closed sessions and logouts.)
 */
class SessionPoolRepairTest {
    private static final char[] PIN = "1234".toCharArray();

    private final FakeToken token = new FakeToken();

    private SessionPool pool(int size) {
        return SessionPool.open(token, new TokenFinder(token, "fake.so"), "fake", PIN, size, Duration.ofSeconds(5));
    }

    private static TokenResilience resilience(int size) {
        return new TokenResilience("fake", size, 3, Duration.ZERO, Duration.ofSeconds(5), Duration.ofMinutes(1));
    }

    @Test
    void after_a_token_reset_the_token_is_found_again_by_label_in_its_new_slot_and_work_resumes() {
        SessionPool pool = pool(2);
        TokenResilience resilience = resilience(2);
        assertThat(pool.slot()).isEqualTo(100);

        token.reset(777);

        long session = resilience.call("signing", () -> pool.withSession(token::use));
        assertThat(token.sessionSlot(session)).isEqualTo(777);
        assertThat(pool.slot()).isEqualTo(777);
        assertThat(resilience.retryMetrics().getNumberOfSuccessfulCallsWithRetryAttempt()).isEqualTo(1);
        resilience.call("signing", () -> pool.withSession(token::use));
        assertThat(pool.openSessionHandles()).hasSize(2).allSatisfy(h -> assertThat(token.sessionSlot(h)).isEqualTo(777));
    }

    @Test
    void while_the_token_is_away_calls_fail_after_bounded_attempts_and_work_resumes_when_it_returns() {
        SessionPool pool = pool(2);
        TokenResilience resilience = resilience(2);

        token.remove();
        assertThatThrownBy(() -> resilience.call("signing", () -> pool.withSession(token::use)))
                .isInstanceOfSatisfying(Pkcs11Failure.class, f -> assertThat(f.isTokenLost()).isTrue())
                .hasMessageContaining("no PKCS#11 token labelled 'fake'");
        assertThat(token.uses).isEqualTo(1);

        token.insert(4242);
        long session = resilience.call("signing", () -> pool.withSession(token::use));
        assertThat(token.sessionSlot(session)).isEqualTo(4242);
    }

    @Test
    void a_session_number_the_library_hands_out_again_is_never_shared_by_two_pooled_sessions() {
        SessionPool pool = pool(3);
        TokenResilience resilience = resilience(3);
        assertThat(pool.openSessionHandles()).containsExactly(1L, 2L, 3L);

        // Every session closed behind the pool's back, and the library numbering new ones from 3 again.
        token.closeAll(3);
        for (int i = 0; i < 4; i++) {
            resilience.call("signing", () -> pool.withSession(token::use));
        }

        List<Long> handles = pool.openSessionHandles();
        assertThat(handles).hasSize(3).doesNotHaveDuplicates();
        assertThat(token.openSessions()).containsExactlyInAnyOrderElementsOf(handles);
    }

    @Test
    void a_lost_login_is_restored_by_logging_in_once() {
        SessionPool pool = pool(3);
        TokenResilience resilience = resilience(3);
        int logins = token.successfulLogins;

        token.logout();
        for (int i = 0; i < 6; i++) {
            resilience.call("signing", () -> pool.withSession(token::use));
        }

        assertThat(token.successfulLogins - logins).isEqualTo(1);
        assertThat(pool.openSessionHandles()).hasSize(3);
    }

    @Test
    void a_wrong_pin_is_tried_once_and_leaves_no_session_open() {
        assertThatThrownBy(() -> SessionPool.open(token, new TokenFinder(token, "fake.so"), "fake",
                "9999".toCharArray(), 4, Duration.ofSeconds(5)))
                .isInstanceOf(Pkcs11Failure.class).hasMessageContaining("CKR_PIN_INCORRECT")
                .hasMessageNotContaining("9999");
        assertThat(token.loginAttempts).isEqualTo(1);
        assertThat(token.openSessions()).isEmpty();
    }

    @Test
    void a_pin_the_token_refused_once_is_never_offered_again() {
        SessionPool pool = pool(2);
        TokenResilience resilience = resilience(2);
        token.changePin("5555".toCharArray()); // an operator changed it while Signet ran
        token.logout();
        int attempts = token.loginAttempts;

        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> resilience.call("signing", () -> pool.withSession(token::use)))
                    .isInstanceOf(Pkcs11Failure.class).hasMessageContaining("CKR_PIN_INCORRECT");
        }

        assertThat(token.loginAttempts - attempts).isEqualTo(1);
        assertThatThrownBy(() -> pool.withSession(token::use)).hasMessageContaining("not tried again");
    }

    @Test
    void a_closed_pool_closes_its_sessions_and_lends_none() {
        SessionPool pool = pool(2);
        pool.close();
        assertThat(token.openSessions()).isEmpty();
        assertThatThrownBy(() -> pool.withSession(token::use)).isInstanceOf(Pkcs11Unavailable.class)
                .hasMessageContaining("closed");
    }

    /** A token in one slot whose sessions, login and presence the test controls. */
    static final class FakeToken implements SessionFunctions {
        private final Map<Long, Long> sessions = new HashMap<>();
        private final Set<Long> removed = new HashSet<>();
        private long slot = 100;
        private boolean present = true;
        private boolean loggedIn;
        private long nextHandle = 1;
        private char[] userPin = PIN.clone();
        int loginAttempts;
        int successfulLogins;
        int uses;

        /** A token operation (a signature, say) in the session: fails as a real token would. */
        synchronized long use(long session) {
            uses++;
            requireSession(session);
            if (!loggedIn) {
                throw new Pkcs11Failure("C_SignInit", Pkcs11Failure.CKR_USER_NOT_LOGGED_IN);
            }
            return session;
        }

        synchronized long sessionSlot(long session) {
            return sessions.get(session);
        }

        synchronized List<Long> openSessions() {
            return new ArrayList<>(sessions.keySet());
        }

        synchronized void reset(long newSlot) {
            remove();
            insert(newSlot);
        }

        synchronized void remove() {
            removed.addAll(sessions.keySet());
            sessions.clear();
            loggedIn = false;
            present = false;
        }

        synchronized void insert(long newSlot) {
            slot = newSlot;
            present = true;
        }

        synchronized void closeAll(long numberFrom) {
            sessions.clear();
            loggedIn = false;
            nextHandle = numberFrom;
        }

        synchronized void changePin(char[] pin) {
            userPin = pin.clone();
        }

        synchronized void logout() {
            loggedIn = false;
        }

        @Override
        public synchronized long[] getSlotList(boolean tokenPresent) {
            return present ? new long[] {slot} : new long[0];
        }

        @Override
        public synchronized Cryptoki.TokenInfo getTokenInfo(long querySlot) {
            requireSlot(querySlot, "C_GetTokenInfo");
            return new Cryptoki.TokenInfo("fake", "Signet tests", "fake", "0001", Ck.CKF_TOKEN_INITIALIZED);
        }

        @Override
        public synchronized long openSession(long querySlot, long flags) {
            requireSlot(querySlot, "C_OpenSession");
            long handle = nextHandle++;
            sessions.put(handle, querySlot);
            return handle;
        }

        @Override
        public synchronized void closeSession(long session) {
            requireSession(session);
            sessions.remove(session);
            if (sessions.isEmpty()) {
                loggedIn = false; // as in PKCS#11: the login ends with the application's last session
            }
        }

        @Override
        public synchronized Cryptoki.SessionInfo getSessionInfo(long session) {
            requireSession(session);
            return new Cryptoki.SessionInfo(sessions.get(session), loggedIn ? Ck.CKS_RW_USER_FUNCTIONS : 2, 6, 0);
        }

        @Override
        public synchronized void login(long session, long userType, char[] pin) {
            requireSession(session);
            loginAttempts++;
            if (!Arrays.equals(pin, userPin)) {
                throw new Pkcs11Failure("C_Login", Pkcs11Failure.CKR_PIN_INCORRECT);
            }
            if (loggedIn) {
                throw new Pkcs11Failure("C_Login", Pkcs11Failure.CKR_USER_ALREADY_LOGGED_IN);
            }
            loggedIn = true;
            successfulLogins++;
        }

        private void requireSlot(long querySlot, String function) {
            if (!present) {
                throw new Pkcs11Failure(function, Pkcs11Failure.CKR_TOKEN_NOT_PRESENT);
            }
            if (querySlot != slot) {
                throw new Pkcs11Failure(function, Pkcs11Failure.CKR_SLOT_ID_INVALID);
            }
        }

        private void requireSession(long session) {
            if (!sessions.containsKey(session)) {
                throw new Pkcs11Failure("C_Sign", removed.contains(session) ? Pkcs11Failure.CKR_DEVICE_REMOVED
                        : Pkcs11Failure.CKR_SESSION_HANDLE_INVALID);
            }
        }
    }
}
