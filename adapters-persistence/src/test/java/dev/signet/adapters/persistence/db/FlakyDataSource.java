package dev.signet.adapters.persistence.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/** A DataSource whose first {@code failures} getConnection calls fail as a pool timeout does; counts calls. */
final class FlakyDataSource extends PlainDataSource {
    private final DataSource target;
    private final int failures;
    private final String failureMessage;
    private final AtomicInteger calls = new AtomicInteger();

    FlakyDataSource(DataSource target, int failures, String failureMessage) {
        this.target = target;
        this.failures = failures;
        this.failureMessage = failureMessage;
    }

    static FlakyDataSource alwaysFailing(String failureMessage) {
        return new FlakyDataSource(null, Integer.MAX_VALUE, failureMessage);
    }

    int calls() {
        return calls.get();
    }

    @Override
    public Connection getConnection() throws SQLException {
        if (calls.incrementAndGet() <= failures) {
            throw new SQLTransientConnectionException(failureMessage, "08001");
        }
        return target.getConnection();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return getConnection();
    }
}
