package dev.signet.adapters.persistence.db;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One connection that keeps the embedded H2 file open in this process from the opening of a {@link Database}
 * to its closing. H2 locks the file for the process that opens it (MVStore's file lock: a second process gets
 * error 90020, "Database may be already in use", at once) and releases it when the last connection closes.
 * So a process first waits here, polling, until the file is free or the wait is over; and once it holds the
 * file, the pool's connections (which come and go) can never lose it to another process mid-command.
 */
final class EmbeddedFileHold implements AutoCloseable {
    /** H2's DATABASE_ALREADY_OPEN_1: the file is locked by another process. */
    private static final int FILE_IN_USE = 90020;
    private static final long POLL_MILLIS = 100;

    private final Connection connection;

    private EmbeddedFileHold(Connection connection) {
        this.connection = connection;
    }

    /**
     * Opens the file, waiting up to {@code wait} while another process holds it.
     *
     * @return empty when opening failed for another reason, which the opening of the pool then meets and
     *     reports as it reports any failure to reach the database
     * @throws EmbeddedDatabaseInUse when another process still holds the file after {@code wait}
     */
    static Optional<EmbeddedFileHold> acquire(String url, String user, String password, Path file, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            try {
                return Optional.of(new EmbeddedFileHold(DriverManager.getConnection(url, user, password)));
            } catch (SQLException e) {
                if (!isFileInUse(e)) {
                    return Optional.empty();
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new EmbeddedDatabaseInUse(file, wait, e);
                }
                sleep(Math.min(Duration.ofNanos(left).toMillis() + 1,
                        POLL_MILLIS + ThreadLocalRandom.current().nextLong(POLL_MILLIS)));
            }
        }
    }

    private static boolean isFileInUse(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getErrorCode() == FILE_IN_USE) {
                return true;
            }
        }
        return false;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the embedded database", e);
        }
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            // the pool's connections are closed already; H2 closes the file with the last one either way
        }
    }
}
