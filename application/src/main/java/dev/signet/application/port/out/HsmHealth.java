package dev.signet.application.port.out;

import java.util.Optional;

/**
 * How the node's PKCS#11 token is doing, for readiness and metrics: whether it answers now, and how much of
 * the session pool is in use. Both are cheap and never wait for a busy pool.
 */
public interface HsmHealth {
    /** Empty when the token answers; otherwise why not, in one line (no PIN, no handle). Never throws. */
    Optional<String> problem();

    /** The pool's sessions now. */
    SessionUse sessionUse();

    /** {@code inUse} of {@code sessions} are lent to a call at this moment. */
    record SessionUse(int sessions, int inUse) {
        public SessionUse {
            if (sessions < 0 || inUse < 0 || inUse > sessions) {
                throw new IllegalArgumentException("session use " + inUse + " of " + sessions + " is impossible");
            }
        }
    }
}
