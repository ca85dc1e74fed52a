package dev.signet.adapters.persistence.db.repository;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.function.Supplier;
import org.apache.ibatis.exceptions.PersistenceException;
import org.apache.ibatis.session.SqlSession;

/**
 * Runs one write under a savepoint, so that its failure undoes only that write. Without it a failed
 * statement aborts the whole transaction on PostgreSQL (every later statement fails until rollback) but
 * not on H2; with it, a caller that handles a {@code Conflict} inside a larger transaction can go on, on
 * both databases alike.
 */
final class Savepoints {
    private Savepoints() {
    }

    static <T> T attempt(SqlSession session, Supplier<T> write) {
        Connection connection = session.getConnection();
        Savepoint savepoint;
        try {
            savepoint = connection.setSavepoint();
        } catch (SQLException e) {
            throw new PersistenceException("could not set a savepoint: " + e.getMessage(), e);
        }
        T result;
        try {
            result = write.get();
        } catch (RuntimeException e) {
            try {
                connection.rollback(savepoint);
            } catch (SQLException rollbackFailure) {
                e.addSuppressed(rollbackFailure);
            }
            throw e;
        }
        try {
            connection.releaseSavepoint(savepoint);
        } catch (SQLException e) {
            throw new PersistenceException("could not release a savepoint: " + e.getMessage(), e);
        }
        return result;
    }
}
