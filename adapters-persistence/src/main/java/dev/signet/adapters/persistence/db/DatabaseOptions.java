package dev.signet.adapters.persistence.db;

import dev.signet.adapters.persistence.db.tx.RetryPolicy;
import java.time.Duration;
import java.util.Objects;

/**
 * Tuning for {@link Database}. {@code connectionTimeout} and {@code maximumPoolSize} apply only to the pool
 * Signet builds for a JDBC URL, not to a DataSource an integrator supplies.
 *
 * @param connectionTimeout how long one attempt waits for a connection before it counts as failed
 */
public record DatabaseOptions(RetryPolicy retry, Duration connectionTimeout, int maximumPoolSize,
        boolean mappersOnFirstUse) {
    public static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofSeconds(5);
    public static final int DEFAULT_MAXIMUM_POOL_SIZE = 10;

    public DatabaseOptions {
        Objects.requireNonNull(retry, "retry policy");
        Objects.requireNonNull(connectionTimeout, "connection timeout");
        // HikariCP refuses less than 250 ms.
        if (connectionTimeout.toMillis() < 250) {
            throw new IllegalArgumentException("connection timeout must be at least 250 ms, got " + connectionTimeout);
        }
        if (maximumPoolSize < 1) {
            throw new IllegalArgumentException("maximum pool size must be at least 1, got " + maximumPoolSize);
        }
    }

    /** Every mapper parsed when the database opens (a process that serves many requests). */
    public DatabaseOptions(RetryPolicy retry, Duration connectionTimeout, int maximumPoolSize) {
        this(retry, connectionTimeout, maximumPoolSize, false);
    }

    /**
     * 3 attempts (200 ms, then 400 ms apart), 5 s to get a connection, at most 10 connections, every mapper parsed
     * when the database opens.
     */
    public static DatabaseOptions defaults() {
        return new DatabaseOptions(RetryPolicy.defaults(), DEFAULT_CONNECTION_TIMEOUT, DEFAULT_MAXIMUM_POOL_SIZE);
    }

    public DatabaseOptions withRetry(RetryPolicy policy) {
        return new DatabaseOptions(policy, connectionTimeout, maximumPoolSize, mappersOnFirstUse);
    }

    public DatabaseOptions withConnectionTimeout(Duration timeout) {
        return new DatabaseOptions(retry, timeout, maximumPoolSize, mappersOnFirstUse);
    }

    public DatabaseOptions withMaximumPoolSize(int size) {
        return new DatabaseOptions(retry, connectionTimeout, size, mappersOnFirstUse);
    }

    /**
     * Each SQL mapper parsed when it is first used, not all when the database opens: for a process that runs one
     * command and exits (the CLI), which uses a few of them; a little slower per statement (one lock).
     */
    public DatabaseOptions withMappersOnFirstUse() {
        return new DatabaseOptions(retry, connectionTimeout, maximumPoolSize, true);
    }
}
