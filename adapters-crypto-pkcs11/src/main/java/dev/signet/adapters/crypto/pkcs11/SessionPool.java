package dev.signet.adapters.crypto.pkcs11;

import dev.signet.application.port.out.HsmHealth;
import dev.signet.domain.SignetException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A fixed number of logged-in read/write sessions to one token, lent to one thread at a time: a PKCS#11
 * session must not be used by two threads at once, while the library itself (initialised with
 * CKF_OS_LOCKING_OK) lets different sessions work in parallel.
 *
 * <p>Repair is lazy and cheap in the steady state (no check before each use). When a call reports that
 * its session, the login or the token is gone, the pool
 * <ul>
 * <li>forgets that session's handle without closing it (it is already gone, and the library may reuse
 * the number for a new session that closing would then kill),</li>
 * <li>bumps a generation, so that every other session is checked with C_GetSessionInfo the next time it
 * is lent (C_CloseAllSessions or a token reset takes all of them; a C_Logout logs out all of them, since
 * a login belongs to the application, not the session), and reopened or logged in again as needed,</li>
 * <li>and, when the token itself was lost, finds it again by label before opening the next session,
 * since its slot id may have changed.</li>
 * </ul>
 * After a device fault (CKR_DEVICE_ERROR, CKR_GENERAL_ERROR, ...) or CKR_OPERATION_ACTIVE the session is
 * closed, not lent again: the library may have left an operation active in it.
 * The call itself is not repeated here; {@link TokenResilience} decides that.
 */
final class SessionPool implements AutoCloseable {
    private static final long NO_SESSION = 0; // CK_INVALID_HANDLE

    private final SessionFunctions functions;
    private final TokenFinder finder;
    private final String tokenLabel;
    private final Duration acquireTimeout;
    private final List<Lease> leases = new ArrayList<>();
    private final BlockingQueue<Lease> idle;

    /** Guards everything below, and every C_OpenSession, C_Login and C_CloseSession of the pool. */
    private final Object lock = new Object();
    private final char[] pin;
    /** Set once the token refused the PIN: it is never offered again (see {@link #login}). */
    private Pkcs11Failure pinRefused;
    private long slot;
    private boolean tokenLost;
    private long generation;
    private volatile boolean closed;

    /** One session's place in the pool; the handle is NO_SESSION until (re)opened. */
    private static final class Lease {
        long handle = NO_SESSION;
        long generation;
    }

    /** Work done with one session; the handle must not escape it. */
    @FunctionalInterface
    interface SessionWork<T> {
        T run(long session);
    }

    private SessionPool(SessionFunctions functions, TokenFinder finder, String tokenLabel, char[] pin, int size,
            Duration acquireTimeout) {
        this.functions = functions;
        this.finder = finder;
        this.tokenLabel = tokenLabel;
        this.pin = pin.clone();
        this.acquireTimeout = acquireTimeout;
        this.idle = new ArrayBlockingQueue<>(size, true);
        for (int i = 0; i < size; i++) {
            Lease lease = new Lease();
            leases.add(lease);
            idle.add(lease);
        }
    }

    /**
     * Finds the token and opens and logs in every session at once, so that a wrong label or PIN fails
     * here, at start-up, and not at the first signature.
     */
    static SessionPool open(SessionFunctions functions, TokenFinder finder, String tokenLabel, char[] pin, int size,
            Duration acquireTimeout) {
        SessionPool pool = new SessionPool(functions, finder, tokenLabel, pin, size, acquireTimeout);
        try {
            synchronized (pool.lock) {
                pool.slot = finder.find(tokenLabel);
                for (Lease lease : pool.leases) {
                    pool.openSession(lease);
                }
            }
            return pool;
        } catch (RuntimeException | Error e) {
            pool.close();
            throw e;
        }
    }

    /** Lends a working, logged-in session to {@code work} and takes it back. */
    <T> T withSession(SessionWork<T> work) {
        Lease lease = borrow();
        try {
            return work.run(makeUsable(lease));
        } catch (Pkcs11Failure failure) {
            recordFailure(lease, failure);
            throw failure;
        } catch (SignetException refusal) {
            throw refusal; // e.g. an unknown key: the session is fine
        } catch (RuntimeException | Error unexpected) {
            // The session may be left mid-operation (a find or sign begun): do not lend it again.
            discard(lease);
            throw unexpected;
        } finally {
            giveBack(lease);
        }
    }

    String tokenLabel() {
        return tokenLabel;
    }

    /** How many sessions the pool has, and how many are lent out now. */
    HsmHealth.SessionUse sessionUse() {
        int size = leases.size();
        return new HsmHealth.SessionUse(size, Math.max(0, size - idle.size()));
    }

    /**
     * Whether the token answers, asked with C_GetSessionInfo in an idle session, with the same repair as any
     * call's; empty when every session is lent out, since then the calls in flight are what tells.
     *
     * @throws Pkcs11Failure when the token, the session or the login is gone (the pool repairs it next time)
     */
    Optional<Cryptoki.SessionInfo> probeIdle() {
        if (closed) {
            throw closedPool();
        }
        Lease lease = idle.poll();
        if (lease == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(functions.getSessionInfo(makeUsable(lease)));
        } catch (Pkcs11Failure failure) {
            recordFailure(lease, failure);
            throw failure;
        } finally {
            giveBack(lease);
        }
    }

    long slot() {
        synchronized (lock) {
            return slot;
        }
    }

    /** The open session handles, for tests that close or log them out behind the pool's back. */
    List<Long> openSessionHandles() {
        synchronized (lock) {
            return leases.stream().map(l -> l.handle).filter(h -> h != NO_SESSION).toList();
        }
    }

    /**
     * Closes the idle sessions (sessions lent out are closed when given back) and wipes the PIN; calls
     * after this fail at once. Never C_Logout or C_Finalize: a login and the library belong to the whole
     * process, which may hold other sessions to the same token.
     */
    @Override
    public void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            Arrays.fill(pin, '\0');
            for (Lease lease : idle) {
                closeQuietly(lease);
            }
        }
    }

    private Lease borrow() {
        if (closed) {
            throw closedPool();
        }
        try {
            Lease lease = idle.poll(acquireTimeout.toMillis(), TimeUnit.MILLISECONDS);
            if (lease == null) {
                throw new Pkcs11Unavailable("no free session to PKCS#11 token '" + tokenLabel + "' within "
                        + acquireTimeout + " (pool of " + leases.size() + ")");
            }
            return lease;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Pkcs11Unavailable("interrupted while waiting for a session to PKCS#11 token '" + tokenLabel + "'",
                    e);
        }
    }

    private void giveBack(Lease lease) {
        synchronized (lock) {
            if (closed) {
                closeQuietly(lease);
            }
        }
        idle.add(lease); // even when closed: a thread waiting for it then learns that the pool is closed
    }

    /**
     * Opens the lease's session, or checks it after a failure elsewhere bumped the generation; returns
     * the handle to use.
     */
    private long makeUsable(Lease lease) {
        synchronized (lock) {
            if (closed) {
                throw closedPool();
            }
            if (lease.handle == NO_SESSION) {
                openSession(lease);
            } else if (lease.generation != generation) {
                revalidate(lease);
            }
            return lease.handle;
        }
    }

    /** After another session failed: is this one still open, on the right slot, and logged in? */
    private void revalidate(Lease lease) {
        Cryptoki.SessionInfo info;
        try {
            info = functions.getSessionInfo(lease.handle);
        } catch (Pkcs11Failure e) {
            if (!e.isSessionLost() && !e.isTokenLost()) {
                throw e;
            }
            if (e.isTokenLost()) {
                tokenLost = true;
            }
            lease.handle = NO_SESSION;
            openSession(lease);
            return;
        }
        if (tokenLost || info.slot() != slot) {
            // The number now names a session elsewhere (the token moved): not ours to use or close.
            lease.handle = NO_SESSION;
            openSession(lease);
            return;
        }
        if (info.state() != Ck.CKS_RW_USER_FUNCTIONS && info.state() != Ck.CKS_RO_USER_FUNCTIONS) {
            login(lease.handle);
        }
        lease.generation = generation;
    }

    /** Must hold the lock. */
    private void openSession(Lease lease) {
        if (closed) {
            throw closedPool();
        }
        if (tokenLost) {
            try {
                slot = finder.find(tokenLabel);
            } catch (Pkcs11Unavailable absent) {
                // Still gone: reported as the token-lost condition it is, so that the caller may try later.
                throw new Pkcs11Failure("C_GetSlotList", Pkcs11Failure.CKR_TOKEN_NOT_PRESENT, absent.getMessage(),
                        absent);
            }
            tokenLost = false;
        }
        long handle;
        try {
            handle = functions.openSession(slot, Ck.CKF_SERIAL_SESSION | Ck.CKF_RW_SESSION);
        } catch (Pkcs11Failure e) {
            if (e.isTokenLost()) {
                tokenLost = true;
                generation++;
            }
            throw e.withContext("opening a session to token '" + tokenLabel + "'");
        }
        // A library may hand out the number of a session that vanished behind the pool's back; the lease
        // that still remembers it must forget it rather than use or close someone else's session.
        for (Lease other : leases) {
            if (other != lease && other.handle == handle) {
                other.handle = NO_SESSION;
            }
        }
        try {
            login(handle);
        } catch (RuntimeException e) {
            try {
                functions.closeSession(handle);
            } catch (Pkcs11Failure ignored) {
                // best effort: the login failure is what matters
            }
            throw e;
        }
        lease.handle = handle;
        lease.generation = generation;
    }

    /**
     * Must hold the lock. A PIN the token refused is not offered again: each wrong try counts against the
     * token's retry limit, and a pool that re-logged in on every call would soon lock the token (say,
     * after an operator changed the PIN while Signet ran). Only a restart with the right PIN helps then.
     */
    private void login(long handle) {
        if (pinRefused != null) {
            throw new Pkcs11Failure(pinRefused.function(), pinRefused.code(), "token '" + tokenLabel
                    + "' refused the configured PIN before, so it is not tried again; restart with the right PIN",
                    pinRefused);
        }
        try {
            functions.login(handle, Ck.CKU_USER, pin);
        } catch (Pkcs11Failure e) {
            long code = e.code();
            if (code == Pkcs11Failure.CKR_USER_ALREADY_LOGGED_IN) {
                return; // a login is per application: a session opened after it shares it
            }
            if (code == Pkcs11Failure.CKR_PIN_INCORRECT) {
                pinRefused = e.withContext("the PIN for token '" + tokenLabel + "' is wrong (not retried: each try"
                        + " counts against the token's PIN retry limit)");
                throw pinRefused;
            }
            if (code == Pkcs11Failure.CKR_PIN_LOCKED || code == Pkcs11Failure.CKR_PIN_EXPIRED) {
                pinRefused = e.withContext("the user PIN of token '" + tokenLabel + "' is "
                        + (code == Pkcs11Failure.CKR_PIN_LOCKED ? "locked; the security officer must unlock it"
                                : "expired; set a new one"));
                throw pinRefused;
            }
            throw e.withContext("logging in to token '" + tokenLabel + "'");
        }
    }

    private Pkcs11Unavailable closedPool() {
        return new Pkcs11Unavailable("the session pool to PKCS#11 token '" + tokenLabel + "' is closed");
    }

    private void recordFailure(Lease lease, Pkcs11Failure failure) {
        synchronized (lock) {
            if (failure.isTokenLost()) {
                tokenLost = true;
                lease.handle = NO_SESSION;
                generation++;
            } else if (failure.isSessionLost()) {
                lease.handle = NO_SESSION;
                generation++;
            } else if (failure.isLoginLost()) {
                generation++; // this session and the others get logged in again when next lent
            } else if (failure.leavesSessionInDoubt()) {
                // Otherwise a sign operation the library left active would make this session fail every
                // later call (CKR_OPERATION_ACTIVE); the next lend opens a new one.
                closeQuietly(lease);
            }
        }
    }

    private void discard(Lease lease) {
        synchronized (lock) {
            closeQuietly(lease);
        }
    }

    /** Must hold the lock. */
    private void closeQuietly(Lease lease) {
        if (lease.handle != NO_SESSION) {
            try {
                functions.closeSession(lease.handle);
            } catch (Pkcs11Failure ignored) {
                // already gone, which is all closing wants
            }
            lease.handle = NO_SESSION;
        }
    }
}
