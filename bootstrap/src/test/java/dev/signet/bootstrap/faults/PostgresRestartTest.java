package dev.signet.bootstrap.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.signet.application.port.out.AuditUnavailable;
import dev.signet.application.port.out.DatabaseUnavailable;
import dev.signet.bootstrap.Signet;
import dev.signet.bootstrap.faults.RandomOperations.Operation;
import dev.signet.bootstrap.support.Keks;
import dev.signet.bootstrap.support.PrivatePostgres;
import dev.signet.domain.SignetException;
import dev.signet.domain.key.KeyEncryptionKey;
import dev.signet.domain.verification.VerificationFailure;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL restarted while operations run. Four threads create organizations and keys, trust, grant, sign
 * (recording the signature), verify online and revoke through the {@link Signet} facade while the test
 * restarts the server with {@code pg_ctl restart -m fast} and later kills it ({@code stop -m immediate}) for
 * longer than the retries last, then starts it again. Afterwards: every operation succeeded or failed with a
 * typed one-line error within a bound, operations succeed again once the server is back, every operation
 * left its rows and audit row exactly once or nothing at all, the audit counts per event type equal what the
 * threads counted, and the audit chain is whole.
 *
 * <p>The server is {@link PrivatePostgres}, never the shared one. Signet runs over the test's own pool with a
 * connection timeout of 1 s, so that the retries give up (three attempts: about 3.6 s) within an outage of a
 * few seconds; the retry policy itself is Signet's default.
 *
 * <p>An operation whose connection is lost while committing may have committed without hearing so (the
 * commit reached the disk, the answer never reached the client). Such an operation must say so (a
 * DatabaseUnavailable "while committing", never run again, which could do it twice or answer Conflict with
 * itself), and may have written its rows; then all of them, once. Any other failed operation wrote nothing.
 */
class PostgresRestartTest {
    private static final int THREADS = 4;
    private static final Duration OPERATION_BOUND = Duration.ofSeconds(15);
    private static final Duration OUTAGE = Duration.ofSeconds(5);
    /**
     * After a failed attempt the pool waits longer and longer before it opens a connection again, up to 5 s
     * (HikariCP's PoolEntryCreator), so a request right after the server is back may still time out.
     */
    private static final Duration POOL_RECONNECT_BACKOFF = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void operations_across_restarts_succeed_or_fail_typed_and_leave_nothing_half_written() throws Exception {
        try (PrivatePostgres server = PrivatePostgres.start()) {
            KeyEncryptionKey kek = Keks.random();
            List<RandomOperations> workers = new ArrayList<>();
            List<long[]> disruptions = new ArrayList<>();
            long back;
            try (HikariDataSource pool = pool(server); Signet signet = Signet.builder().dataSource(pool).build()) {
                AtomicBoolean stop = new AtomicBoolean();
                List<Thread> threads = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    RandomOperations worker = new RandomOperations(t, signet, kek, dir, stop, 1000 + t);
                    workers.add(worker);
                    Thread thread = new Thread(worker, "restart-worker-" + t);
                    thread.setDaemon(true); // a hung one must not keep the test JVM alive
                    threads.add(thread);
                }
                threads.forEach(Thread::start);
                try {
                    Thread.sleep(1500);
                    disruptions.add(timed(server::restartFast));
                    Thread.sleep(2000);
                    disruptions.add(timed(server::stopImmediately));
                    Thread.sleep(OUTAGE.toMillis());
                    server.startServer();
                    back = System.nanoTime();
                    Thread.sleep(POOL_RECONNECT_BACKOFF.toMillis() + 1500);
                } finally {
                    stop.set(true);
                }
                for (Thread thread : threads) {
                    thread.join(OPERATION_BOUND.toMillis() + 5000);
                    assertThat(thread.isAlive()).as("%s hangs at %s", thread.getName(),
                            Arrays.toString(thread.getStackTrace())).isFalse();
                }
            } // closed before counting: a refused verification's queued record may be written until close

            List<Operation> operations = workers.stream().flatMap(worker -> worker.log().stream()).toList();
            System.out.println("operations across restarts: " + summary(operations));
            assertOutcomes(operations, back);
            assertTheRetryBridgesAShortRestart(operations, disruptions.get(0));
            try (Connection db = DriverManager.getConnection(server.jdbcUrl())) {
                assertEveryRowHasItsAuditRowOnce(db);
                Map<String, Long> committed = assertEachOperationWroteAllOrNothing(db, operations, disruptions);
                assertAuditCountsMatch(db, operations, committed);
            }
            try (Signet signet = Signet.builder().jdbcUrl(server.jdbcUrl(), null, null).build()) {
                assertThat(signet.audit().verify().isWhole()).as("the audit chain is whole: %s", signet.audit().verify())
                        .isTrue();
            }
        }
    }

    private static void assertOutcomes(List<Operation> operations, long back) {
        assertThat(failed(operations, failure -> !(failure instanceof SignetException)))
                .as("operations that failed with something other than a SignetException").isEmpty();
        assertThat(failed(operations, failure -> failure.getMessage() == null || failure.getMessage().isBlank()
                || failure.getMessage().contains("\n") || failure.getMessage().contains("\r")))
                .as("failures without a one-line message").isEmpty();
        assertThat(operations.stream().filter(operation ->
                operation.endedNanos() - operation.startedNanos() > OPERATION_BOUND.toNanos()).toList())
                .as("operations that took longer than %s", OPERATION_BOUND).isEmpty();
        assertThat(failed(operations, DatabaseUnavailable.class::isInstance))
                .as("the outage outlasted the retries, so some operations failed as DatabaseUnavailable").isNotEmpty();

        List<Operation> afterwards = operations.stream().filter(operation -> operation.startedNanos() > back).toList();
        List<Operation> reconnected = afterwards.stream()
                .filter(operation -> operation.startedNanos() > back + POOL_RECONNECT_BACKOFF.toNanos()).toList();
        assertThat(failed(reconnected, DatabaseUnavailable.class::isInstance))
                .as("once the server is back and the pool has reconnected, the database is reachable again").isEmpty();
        for (String kind : List.of("org", "key", "sign")) {
            assertThat(afterwards.stream().filter(operation -> operation.kind().equals(kind))
                    .anyMatch(Operation::succeeded)).as("%s succeeds again once the server is back", kind).isTrue();
        }
        for (String kind : RandomOperations.KINDS) {
            assertThat(operations.stream().filter(operation -> operation.kind().equals(kind))
                    .anyMatch(Operation::succeeded)).as("some %s succeeded", kind).isTrue();
        }
    }

    /**
     * The operations in flight while {@code pg_ctl restart -m fast} ran (their sessions ended, then no server
     * for a moment) waited or ran again: some succeeded once it was back, and when the restart took less
     * than a second, well within the retries, none was DatabaseUnavailable, but those cut off while
     * committing (which are not run again: the commit may have happened).
     */
    private static void assertTheRetryBridgesAShortRestart(List<Operation> operations, long[] restart) {
        List<Operation> inFlight = operations.stream()
                .filter(operation -> operation.overlaps(restart[0], restart[1])).toList();
        assertThat(inFlight.stream().filter(operation -> operation.endedNanos() > restart[1]))
                .as("operations in flight across the fast restart: %s", around(operations, restart))
                .anyMatch(Operation::succeeded);
        if (restart[1] - restart[0] < Duration.ofSeconds(1).toNanos()) {
            assertThat(failed(inFlight, failure -> failure instanceof DatabaseUnavailable
                    && !failure.getMessage().contains("while committing")))
                    .as("unavailable across a fast restart: %s", around(operations, restart)).isEmpty();
        }
    }

    /** Every entity row has exactly one audit row that records its creation (or revocation), and no more. */
    private static void assertEveryRowHasItsAuditRowOnce(Connection db) throws Exception {
        String[][] checks = {
            {"signing key without exactly one key.signing.created", "SELECT COUNT(*) FROM signing_keys k WHERE "
                    + events("key.signing.created", "'\"key_id\":\"' || k.id || '\"'") + " <> 1"},
            {"revoked signing key without exactly one key.signing.revoked", "SELECT COUNT(*) FROM signing_keys k WHERE "
                    + events("key.signing.revoked", "'\"key_id\":\"' || k.id || '\"'")
                    + " <> CASE WHEN k.revoked_at IS NULL THEN 0 ELSE 1 END"},
            {"trusted key without exactly one key.trusted.added", "SELECT COUNT(*) FROM trusted_keys t WHERE "
                    + events("key.trusted.added", "'\"key_id\":\"' || t.id || '\"'") + " <> 1"},
            {"grant without exactly one key.trust_acl.granted", "SELECT COUNT(*) FROM trust_acls g WHERE "
                    + events("key.trust_acl.granted", "'\"parent_org_id\":\"' || g.parent_org_id || '\",\"child_org_id\":\"'"
                    + " || g.child_org_id || '\"'") + " <> 1"},
            {"stored signature without exactly one package.signed", "SELECT COUNT(*) FROM package_signatures s WHERE "
                    + events("package.signed", "'\"package_hash\":\"' || s.package_hash || '\"'") + " <> 1"},
        };
        for (String[] check : checks) {
            assertThat(count(db, check[1])).as(check[0]).isZero();
        }
        for (String[] pair : new String[][] {{"key.signing.created", "signing_keys"},
                {"key.trusted.added", "trusted_keys"}, {"key.trust_acl.granted", "trust_acls"},
                {"package.signed", "package_signatures"}}) {
            assertThat(count(db, "SELECT COUNT(*) FROM audit_events WHERE event_type = '" + pair[0] + "'"))
                    .as("no %s event without its row in %s", pair[0], pair[1])
                    .isEqualTo(count(db, "SELECT COUNT(*) FROM " + pair[1]));
        }
    }

    private static String events(String type, String fragment) {
        return "(SELECT COUNT(*) FROM audit_events a WHERE a.event_type = '" + type + "' AND a.payload LIKE '%' || "
                + fragment + " || '%')";
    }

    /**
     * A succeeded operation's row is there once; a failed one's is absent, unless it was cut off while
     * committing as the server went away, when it may be there once. Returns how many of those per kind were
     * there.
     */
    private static Map<String, Long> assertEachOperationWroteAllOrNothing(Connection db, List<Operation> operations,
            List<long[]> disruptions) throws Exception {
        Map<String, Long> committedDespiteFailure = new TreeMap<>();
        List<String> wrong = new ArrayList<>();
        for (Operation operation : operations) {
            if (operation.kind().equals("verify")) {
                continue; // writes only its audit row, counted below
            }
            long rows = rowsOf(db, operation);
            boolean inFlight = disruptions.stream().anyMatch(window -> operation.overlaps(window[0], window[1]));
            boolean outcomeUnknown = inFlight && operation.failure() instanceof DatabaseUnavailable
                    && operation.failure().getMessage().contains("while committing");
            if (operation.succeeded() ? rows != 1 : rows > (outcomeUnknown ? 1 : 0)) {
                wrong.add(operation + " (in flight at a restart: " + inFlight + "): " + rows + " rows");
            } else if (!operation.succeeded() && rows == 1) {
                committedDespiteFailure.merge(operation.kind(), 1L, Long::sum);
            }
        }
        assertThat(wrong).as("operations whose rows are not there exactly once (succeeded) or absent (failed)")
                .isEmpty();
        System.out.println("cut off while committing, yet committed: " + committedDespiteFailure);
        return committedDespiteFailure;
    }

    private static long rowsOf(Connection db, Operation operation) throws Exception {
        String sql = switch (operation.kind()) {
            case "org" -> "SELECT COUNT(*) FROM organizations WHERE name = ?";
            case "key" -> "SELECT COUNT(*) FROM signing_keys WHERE name = ?";
            case "trust" -> "SELECT COUNT(*) FROM trusted_keys WHERE label = ?";
            case "grant" -> "SELECT COUNT(*) FROM trust_acls WHERE parent_org_id || ' ' || child_org_id = ?";
            case "sign" -> "SELECT COUNT(*) FROM package_signatures WHERE package_hash = ?";
            case "revoke-key" -> "SELECT COUNT(*) FROM signing_keys WHERE CAST(id AS VARCHAR) = ? AND revoked_at IS NOT NULL";
            default -> throw new IllegalStateException(operation.kind());
        };
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            statement.setString(1, operation.subject());
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    /** The audit rows of each type equal the operations the threads saw succeed (plus those committed unheard). */
    private static void assertAuditCountsMatch(Connection db, List<Operation> operations,
            Map<String, Long> committedDespiteFailure) throws Exception {
        Map<String, Long> expected = new TreeMap<>();
        Map<String, String> eventOf = Map.of("org", "organization.created", "key", "key.signing.created", "trust", "key.trusted.added",
                "grant", "key.trust_acl.granted", "sign", "package.signed", "revoke-key", "key.signing.revoked");
        eventOf.forEach((kind, event) -> expected.put(event, succeeded(operations, kind)
                + committedDespiteFailure.getOrDefault(kind, 0L)));
        expected.put("verification.success", succeeded(operations, "verify"));
        long rejected = operations.stream().filter(operation -> operation.kind().equals("verify")
                && operation.failure() instanceof VerificationFailure).count();
        expected.put("verification.failure", rejected);

        Map<String, Long> actual = new TreeMap<>();
        try (Statement statement = db.createStatement(); ResultSet rows = statement.executeQuery(
                "SELECT event_type, COUNT(*) FROM audit_events GROUP BY event_type")) {
            while (rows.next()) {
                actual.put(rows.getString(1), rows.getLong(2));
            }
        }
        // Failure events are written outside the failed transaction, only when the database can be reached.
        long failedSigns = operations.stream().filter(o -> o.kind().equals("sign") && !o.succeeded()).count();
        long failedKeys = operations.stream().filter(o -> o.kind().equals("key") && !o.succeeded()).count();
        assertThat(actual.getOrDefault("package.sign.failure", 0L)).isLessThanOrEqualTo(failedSigns);
        assertThat(actual.getOrDefault("key.signing.create_failed", 0L)).isLessThanOrEqualTo(failedKeys);
        actual.remove("package.sign.failure");
        actual.remove("key.signing.create_failed");
        // A verification writes only its audit row, the same for each verification of a package: one cut off
        // while committing cannot be told apart, so it may or may not be counted; nor can one refused because its
        // record was not durable within the wait (AuditUnavailable), whose record stays queued and may be written.
        long unknownVerifications = failed(operations.stream().filter(o -> o.kind().equals("verify")).toList(),
                failure -> failure.getMessage().contains("while committing") || failure instanceof AuditUnavailable)
                .size();
        for (String verification : List.of("verification.success", "verification.failure")) {
            assertThat(actual.getOrDefault(verification, 0L)).as("%s rows", verification)
                    .isBetween(expected.get(verification), expected.get(verification) + unknownVerifications);
            actual.remove(verification);
            expected.remove(verification);
        }
        expected.values().removeIf(count -> count == 0);
        assertThat(actual).as("audit rows per event type").isEqualTo(expected);
    }

    private static long succeeded(List<Operation> operations, String kind) {
        return operations.stream().filter(operation -> operation.kind().equals(kind) && operation.succeeded()).count();
    }

    private static List<Operation> failed(List<Operation> operations, Predicate<Throwable> test) {
        return operations.stream().filter(operation -> !operation.succeeded() && test.test(operation.failure()))
                .toList();
    }

    private static String summary(List<Operation> operations) {
        return operations.stream().collect(Collectors.groupingBy(Operation::kind, TreeMap::new,
                Collectors.groupingBy(operation -> operation.succeeded() ? "ok"
                        : operation.failure().getClass().getSimpleName()
                                + (operation.failure().getMessage().contains("while committing") ? " while committing" : ""),
                        TreeMap::new, Collectors.counting())))
                .toString();
    }

    /** The operations that overlap a window, with their times in ms from its start, for a failure message. */
    private static String around(List<Operation> operations, long[] window) {
        return "window 0.." + (window[1] - window[0]) / 1_000_000 + " ms:" + operations.stream()
                .filter(operation -> operation.overlaps(window[0], window[1]))
                .map(operation -> "\n  " + (operation.startedNanos() - window[0]) / 1_000_000 + ".."
                        + (operation.endedNanos() - window[0]) / 1_000_000 + " ms " + operation)
                .collect(Collectors.joining());
    }

    private static long[] timed(Runnable disruption) {
        long from = System.nanoTime();
        disruption.run();
        return new long[] {from, System.nanoTime()};
    }

    private static HikariDataSource pool(PrivatePostgres server) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("restart-test");
        config.setJdbcUrl(server.jdbcUrl());
        config.setMaximumPoolSize(THREADS + 2);
        config.setConnectionTimeout(1000);
        config.setValidationTimeout(500);
        config.setInitializationFailTimeout(-1);
        return new HikariDataSource(config);
    }

    private static long count(Connection db, String sql) throws Exception {
        try (Statement statement = db.createStatement(); ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        }
    }
}
