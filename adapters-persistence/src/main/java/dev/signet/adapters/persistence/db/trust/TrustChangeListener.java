package dev.signet.adapters.persistence.db.trust;

import dev.signet.application.port.out.TrustVersion;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Learns of every committed change to trust, from any process, through PostgreSQL LISTEN/NOTIFY on one
 * connection of its own, so that a process can check its trust cache without a round trip.
 *
 * <p>It answers only while it listens: it starts listening before it reads the stamp (version and epoch,
 * see the port TrustVersion), so no change falls
 * between the two, and while the connection is down (a restart, a network cut) {@link #latest()} is empty and
 * callers read the table instead. Every {@link #RECHECK_MILLIS} ms of quiet it reads the table anyway, which
 * both proves the connection alive and catches a change made by hand without NOTIFY; a read that gets no
 * answer within {@link #NETWORK_TIMEOUT_MILLIS} ms (a network gone silent, which no error announces) ends
 * the connection, and the listener stops answering as soon as its last read is older than
 * {@link #VOUCH_MILLIS} ms. A notice only wakes it: the version always comes from the table, so a NOTIFY sent
 * by hand with a made-up payload changes nothing.
 *
 * <p>What it cannot do is make a NOTIFY arrive before the commit that sent it has returned to its sender: a
 * verification in another process that starts within that delivery time (well under a millisecond on one host)
 * may still use the trust as it was just before. Within the process that made the change there is no such
 * window (see the application's TrustCache).
 */
public final class TrustChangeListener implements AutoCloseable {
    static final String CHANNEL = "signet_trust";
    private static final int POLL_MILLIS = 100;
    private static final long RECHECK_MILLIS = 1_000;
    /** How long a read on the listener's connection may wait before the connection counts as lost. */
    private static final int NETWORK_TIMEOUT_MILLIS = 2_000;
    /** How old its last read may be for the listener to answer {@link #latest()}: a read is due every second. */
    private static final long VOUCH_MILLIS = 2_500;
    private static final long RECONNECT_MILLIS = 1_000;
    private static final System.Logger LOG = System.getLogger(TrustChangeListener.class.getName());

    /** Where the listener's own connection comes from. */
    @FunctionalInterface
    public interface ConnectionSource {
        Connection open() throws SQLException;
    }

    private final ConnectionSource connections;
    private final AtomicReference<TrustVersion.Stamp> latest = new AtomicReference<>();
    private final Object lifecycle = new Object();
    private volatile boolean listening;
    /** System.nanoTime() of the last successful read of the version. */
    private volatile long confirmedAt;
    private volatile boolean closed;
    private volatile Connection connection;
    private Thread thread;

    /**
     * @param connections where its one connection comes from: outside Signet's pool when Signet built the
     *                    pool (so that the listener never takes a connection the work needs), else the
     *                    integrator's DataSource, of which it then holds one connection for as long as it runs
     */
    public TrustChangeListener(ConnectionSource connections) {
        this.connections = Objects.requireNonNull(connections, "connections");
    }

    /**
     * The newest committed stamp, while listening; empty otherwise. The first call starts the listener
     * (a process that never verifies never opens its connection).
     */
    public Optional<TrustVersion.Stamp> latest() {
        if (!listening) {
            start();
            return Optional.empty();
        }
        if (System.nanoTime() - confirmedAt > TimeUnit.MILLISECONDS.toNanos(VOUCH_MILLIS)) {
            return Optional.empty(); // its last read is too old to vouch for now: a stuck connection
        }
        return Optional.ofNullable(latest.get());
    }

    boolean isListening() {
        return listening;
    }

    private void start() {
        synchronized (lifecycle) {
            if (thread != null || closed) {
                return;
            }
            thread = new Thread(this::run, "signet-trust-listener");
            thread.setDaemon(true);
            thread.start();
        }
    }

    private void run() {
        while (!closed) {
            try (Connection opened = connections.open()) {
                connection = opened;
                opened.setAutoCommit(true);
                opened.setNetworkTimeout(Runnable::run, NETWORK_TIMEOUT_MILLIS);
                listen(opened);
            } catch (SQLException | RuntimeException e) {
                if (!closed) {
                    LOG.log(System.Logger.Level.WARNING, "trust change listener lost its connection ("
                            + e.getMessage() + "); reading trust versions from the database until it is back");
                }
            } finally {
                listening = false;
                connection = null;
            }
            pause(RECONNECT_MILLIS);
        }
    }

    private void listen(Connection opened) throws SQLException {
        try {
            try (Statement statement = opened.createStatement()) {
                statement.execute("LISTEN " + CHANNEL);
            }
            confirm(opened);
            listening = true;
            PGConnection postgres = opened.unwrap(PGConnection.class);
            while (!closed) {
                PGNotification[] notifications = postgres.getNotifications(POLL_MILLIS);
                // A notice only wakes the listener; the version comes from the table, since any role may NOTIFY
                // anything on the channel.
                if (notifications != null && notifications.length > 0
                        || System.nanoTime() - confirmedAt > TimeUnit.MILLISECONDS.toNanos(RECHECK_MILLIS)) {
                    confirm(opened);
                }
            }
        } finally {
            unlistenQuietly(opened);
        }
    }

    /**
     * Reads the stamp: the one thing that proves the connection alive and the stamp current. Taken as read, never
     * the larger of old and new: a counter that went back (a restore, a reset) is news too.
     */
    private void confirm(Connection opened) throws SQLException {
        latest.set(readStamp(opened));
        confirmedAt = System.nanoTime();
    }

    /** A pooled connection (an integrator's DataSource) must not go back to its pool still subscribed. */
    private static void unlistenQuietly(Connection opened) {
        try (Statement statement = opened.createStatement()) {
            statement.execute("UNLISTEN " + CHANNEL);
        } catch (SQLException | RuntimeException e) {
            // the connection is gone; so is its subscription
        }
    }

    private static TrustVersion.Stamp readStamp(Connection opened) throws SQLException {
        try (Statement statement = opened.createStatement();
                ResultSet row = statement.executeQuery("SELECT version, epoch FROM trust_version WHERE id = 1")) {
            if (!row.next()) {
                throw DatabaseTrustVersion.missingRow();
            }
            long version = row.getLong(1);
            UUID epoch = row.getObject(2, UUID.class);
            if (epoch == null) {
                throw DatabaseTrustVersion.missingRow();
            }
            return new TrustVersion.Stamp(version, epoch);
        }
    }

    private void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        }
    }

    /** Stops listening and returns the connection; waits at most a few polls for the thread. */
    @Override
    public void close() {
        Thread running;
        synchronized (lifecycle) {
            closed = true;
            listening = false;
            running = thread;
        }
        if (running == null) {
            return;
        }
        try {
            // the thread sees closed at its next poll and returns its connection to the pool intact
            running.join(3 * POLL_MILLIS);
            Connection stuck = connection;
            if (running.isAlive() && stuck != null) {
                stuck.abort(Runnable::run); // a poll that does not return: the network is gone
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (SQLException | RuntimeException e) {
            running.interrupt();
        }
    }
}
