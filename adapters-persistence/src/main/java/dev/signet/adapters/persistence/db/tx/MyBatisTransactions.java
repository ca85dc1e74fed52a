package dev.signet.adapters.persistence.db.tx;

import dev.signet.application.port.out.DatabaseUnavailable;
import dev.signet.application.port.out.Transactions;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.ibatis.session.SqlSession;
import org.apache.ibatis.session.SqlSessionFactory;

/**
 * Transactions over MyBatis sessions, one per thread. The outermost {@link #inTransaction} opens a session
 * (not auto-commit), binds it to the thread, runs the work and commits, or rolls back on any exception;
 * inner calls on the same thread join it, so their writes commit or roll back with the outer ones.
 *
 * <p>When the connection fails (see {@link TransientFailures}) the whole outermost transaction runs again,
 * up to the policy's attempts, after which the caller gets {@link DatabaseUnavailable}; except when it fails
 * during the commit, whose outcome is then unknown: that is DatabaseUnavailable at once. Inner calls never
 * retry on their own: half a transaction cannot be repeated. Anything else (a {@code Conflict}, a bug)
 * reaches the caller after one attempt, unchanged.
 *
 * <p>Repositories reach the database through {@link #withSession}, which joins the thread's transaction or,
 * outside one, runs as a short transaction of its own (with the same retry).
 */
public final class MyBatisTransactions implements Transactions {
    private final SqlSessionFactory sessions;
    private final DatabaseRetry retry;
    private final ThreadLocal<SqlSession> current = new ThreadLocal<>();

    public MyBatisTransactions(SqlSessionFactory sessions, RetryPolicy policy) {
        this(sessions, new DatabaseRetry(policy, null));
    }

    public MyBatisTransactions(SqlSessionFactory sessions, DatabaseRetry retry) {
        this.sessions = Objects.requireNonNull(sessions, "session factory");
        this.retry = Objects.requireNonNull(retry, "retry");
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        Objects.requireNonNull(work, "work");
        if (current.get() != null) {
            return work.get();
        }
        return retry.call(() -> runOnce(work));
    }

    /** Runs {@code work} on the thread's session, inside a transaction (joined, or opened for it). */
    public <T> T withSession(Function<SqlSession, T> work) {
        return inTransaction(() -> work.apply(current.get()));
    }

    /** Runs {@code work} with a mapper of the thread's session, inside a transaction (joined, or opened for it). */
    public <M, T> T withMapper(Class<M> mapperType, Function<M, T> work) {
        return withSession(session -> work.apply(session.getMapper(mapperType)));
    }

    private <T> T runOnce(Supplier<T> work) {
        try (SqlSession session = sessions.openSession(false)) {
            current.set(session);
            try {
                T result = work.get();
                commit(session);
                return result;
            } catch (RuntimeException | Error e) {
                rollbackQuietly(session, e);
                throw e;
            } finally {
                current.remove();
            }
        }
    }

    /**
     * A connection lost during the commit leaves its outcome unknown: the server may have committed and
     * died before it said so. Running the work again could then do it twice (a second audit row, or a
     * Conflict with its own first attempt), so this failure is final: DatabaseUnavailable, not retried.
     */
    private void commit(SqlSession session) {
        try {
            // force: MyBatis skips commit and rollback for sessions it thinks are clean
            session.commit(true);
        } catch (RuntimeException e) {
            if (TransientFailures.isTransient(e)) {
                throw new DatabaseUnavailable("the connection to the database failed while committing, so the "
                        + "change may or may not have been saved: " + retry.describe(e), e);
            }
            throw e;
        }
    }

    private static void rollbackQuietly(SqlSession session, Throwable failure) {
        try {
            session.rollback(true);
        } catch (RuntimeException rollbackFailure) {
            // The connection is likely gone; the database rolls back on its own, and the first failure matters.
            failure.addSuppressed(rollbackFailure);
        }
    }
}
