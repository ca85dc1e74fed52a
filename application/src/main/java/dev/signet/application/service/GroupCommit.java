package dev.signet.application.service;

import dev.signet.application.port.in.Caller;
import dev.signet.application.port.out.AuditTrail;
import dev.signet.application.port.out.DatabaseUnavailable;
import dev.signet.application.port.out.Transactions;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Runs units of work from concurrent callers in shared transactions: one commit (one WAL flush, one hold of the
 * audit chain's lock) for every unit that queued up meanwhile (decision 0008). A caller returns only once the
 * transaction holding its unit has committed, with its own unit's result, or with its own unit's failure.
 *
 * <p>No background thread: the first caller to find no batch running leads, taking every unit queued so far
 * (its own included) and running them one after the other in one transaction, each under its own caller
 * ({@link Caller#callAs}), so that its audit record names its own actor and request; the batch's records are
 * appended together at its end, in its transaction (one lock, one insert). The others wait meanwhile;
 * once the batch is settled they return, or one of those that came too late leads the next batch.
 *
 * <p>A unit that fails fails only itself: the transaction is rolled back, that unit is settled with its
 * failure, and the rest run again in a new transaction (so a unit may run more than once before it commits, as
 * {@link Transactions} may already do; its work must be repeatable, which a transaction's work is anyway).
 * A failure that is not one unit's (the commit, the database away: {@link DatabaseUnavailable}) fails every unit
 * of the batch, as it would have failed each of them alone.
 */
public final class GroupCommit {
    /** Units in one transaction at most: bounds the work lost to a rerun and the time the chain's lock is held. */
    static final int MAX_BATCH = 64;

    private final Transactions transactions;
    private final AuditTrail audit;
    private final ArrayDeque<Unit<?>> queued = new ArrayDeque<>();
    private boolean leading; // guarded by this

    /**
     * @param audit the trail the units record to: the records of a batch's changes are appended together at its end
     *     ({@link AuditTrail#inOneAppend}), still in its transaction
     */
    public GroupCommit(Transactions transactions, AuditTrail audit) {
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.audit = Objects.requireNonNull(audit, "audit");
    }

    /**
     * Runs {@code work} inside a transaction shared with concurrent callers' units and returns its result once
     * that transaction has committed.
     *
     * @throws RuntimeException what {@code work} threw, or what failed the batch's transaction
     */
    public <T> T run(Supplier<T> work) {
        Unit<T> unit = new Unit<>(Objects.requireNonNull(work, "work"), Caller.current());
        synchronized (this) {
            queued.add(unit);
        }
        boolean interrupted = false;
        try {
            while (true) {
                List<Unit<?>> batch;
                synchronized (this) {
                    // once queued the unit cannot be withdrawn (a leader may be running it): wait, whatever comes
                    while (!unit.settled && leading) {
                        try {
                            wait();
                        } catch (InterruptedException e) {
                            interrupted = true;
                        }
                    }
                    if (unit.settled) {
                        return unit.outcome();
                    }
                    leading = true;
                    batch = new ArrayList<>(Math.min(queued.size(), MAX_BATCH));
                    while (!queued.isEmpty() && batch.size() < MAX_BATCH) {
                        batch.add(queued.poll());
                    }
                }
                try {
                    runBatch(batch);
                } finally {
                    synchronized (this) {
                        leading = false;
                        notifyAll();
                    }
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Commits the batch, dropping each unit that fails and running the rest again; settles every unit. */
    private void runBatch(List<Unit<?>> batch) {
        List<Unit<?>> remaining = new ArrayList<>(batch);
        try {
            while (!remaining.isEmpty()) {
                Attempt attempt = new Attempt();
                try {
                    transactions.run(() -> audit.inOneAppend(() -> {
                        attempt.running = null; // the transaction may run the work again after a transient failure
                        for (Unit<?> unit : remaining) {
                            attempt.running = unit;
                            unit.runAs();
                        }
                        attempt.running = null; // a failure from here on (the records' append, the commit) is all's
                        return null;
                    }));
                } catch (RuntimeException e) {
                    Unit<?> culprit = attempt.running;
                    if (culprit != null && culprit.thrown == e && !(e instanceof DatabaseUnavailable)) {
                        settle(culprit, e);
                        remaining.remove(culprit);
                        continue;
                    }
                    remaining.forEach(unit -> settle(unit, e));
                    return;
                }
                remaining.forEach(unit -> settle(unit, null));
                return;
            }
        } catch (Error e) {
            remaining.forEach(unit -> settle(unit, new IllegalStateException("a signing batch failed: " + e, e)));
            throw e;
        }
    }

    /** Units queued and not yet taken by a leader (for tests). */
    synchronized int queued() {
        return queued.size();
    }

    private void settle(Unit<?> unit, RuntimeException failure) {
        synchronized (this) {
            unit.failure = failure;
            unit.settled = true;
        }
    }

    private static final class Attempt {
        /** The unit running when the transaction failed, if one was. */
        Unit<?> running;
    }

    private static final class Unit<T> {
        private final Supplier<T> work;
        private final Caller caller;
        private T result;
        private RuntimeException thrown;
        private RuntimeException failure;
        private boolean settled; // guarded by the GroupCommit

        Unit(Supplier<T> work, Caller caller) {
            this.work = work;
            this.caller = caller;
        }

        /** On the leader's thread, inside the batch's transaction. */
        void runAs() {
            thrown = null;
            try {
                result = Caller.callAs(caller, work);
            } catch (RuntimeException e) {
                thrown = e;
                throw e;
            }
        }

        /** Under the GroupCommit's monitor, once settled: the leader's writes happen before it. */
        T outcome() {
            if (failure != null) {
                throw failure;
            }
            return result;
        }
    }
}
