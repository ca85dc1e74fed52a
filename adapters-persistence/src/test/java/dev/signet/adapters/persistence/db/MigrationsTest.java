package dev.signet.adapters.persistence.db;

import static dev.signet.adapters.persistence.db.Samples.organization;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signet.domain.key.SigningKey;
import dev.signet.domain.organization.Organization;
import dev.signet.domain.revocation.Revocation;
import dev.signet.domain.trust.TrustedKey;
import dev.signet.domain.trust.ValidityWindow;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class MigrationsTest {
    private static final List<String> CHANGESETS =
            List.of("1-organizations", "2-signing-keys", "3-trusted-keys", "4-trust-acls", "5-package-signatures",
                    "6-audit-events", "7-audit-chain-head", "8-trust-version",
                    "h-hsm-1-one-key-per-token-object", "h-changes-1-store-kek",
                    "h-changes-2-organization-names-are-not-ids", "h-trust-1-trust-version-epoch",
                    "h-service-1-api-tokens", "h-reasons-1-revocation-reasons-and-validity", "h-tsa-1-trusted-tsas",
                    "h-tsa-2-signature-timestamp-token", "h-signx-1-idempotent-answers");

    private static List<String> appliedChangeSets(TestDatabase db) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (Connection connection = db.connect();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT id FROM databasechangelog ORDER BY orderexecuted")) {
            while (rows.next()) {
                ids.add(rows.getString(1));
            }
        }
        return ids;
    }

    @OnEveryDatabase
    void migrations_run_twice_without_error_and_the_second_run_changes_nothing(TestDatabase db) throws Exception {
        Database first = db.open();
        Organization acme = organization("acme");
        first.organizations().add(acme);
        first.close();

        Database second = db.open();

        assertThat(appliedChangeSets(db)).containsExactlyElementsOf(CHANGESETS);
        assertThat(second.organizations().findById(acme.id())).contains(acme);
    }

    @OnEveryDatabase
    void keys_revoked_before_revocation_reasons_become_compromised_from_their_revocation_time(TestDatabase db)
            throws Exception {
        Database first = db.open();
        Organization acme = organization("acme");
        first.organizations().add(acme);
        TrustedKey revoked = Samples.trustedKey(acme.id(), Samples.publicKey(), Samples.at(0));
        TrustedKey active = Samples.trustedKey(acme.id(), Samples.publicKey(), Samples.at(0));
        SigningKey revokedSigner = Samples.softwareKey(acme.id(), "old");
        first.trustedKeys().add(revoked);
        first.trustedKeys().add(active);
        first.signingKeys().add(revokedSigner);
        Instant revokedAt = Samples.at(3600);
        first.trustedKeys().markRevoked(revoked.id(), Revocation.retired(revokedAt));
        first.signingKeys().markRevoked(revokedSigner.id(), Revocation.retired(revokedAt));
        first.close();
        // back to the schema before h-reasons-1, with rows revoked the old way: a time and nothing else
        try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
            for (String sql : List.of(
                    "ALTER TABLE trusted_keys DROP CONSTRAINT ck_trusted_keys_revocation",
                    "ALTER TABLE trusted_keys DROP CONSTRAINT ck_trusted_keys_validity",
                    "ALTER TABLE signing_keys DROP CONSTRAINT ck_signing_keys_revocation",
                    "ALTER TABLE trusted_keys DROP COLUMN revocation_reason",
                    "ALTER TABLE trusted_keys DROP COLUMN revocation_effective_at",
                    "ALTER TABLE trusted_keys DROP COLUMN not_before",
                    "ALTER TABLE trusted_keys DROP COLUMN not_after",
                    "ALTER TABLE signing_keys DROP COLUMN revocation_reason",
                    "ALTER TABLE signing_keys DROP COLUMN revocation_effective_at",
                    "DELETE FROM databasechangelog WHERE id = 'h-reasons-1-revocation-reasons-and-validity'")) {
                statement.executeUpdate(sql);
            }
        }

        Database migrated = db.open();

        // the changeSet taken back runs again, after the ones that followed it (h-tsa-1)
        assertThat(appliedChangeSets(db)).containsExactlyInAnyOrderElementsOf(CHANGESETS)
                .endsWith("h-reasons-1-revocation-reasons-and-validity");
        assertThat(migrated.trustedKeys().findById(revoked.id()).orElseThrow().revocation())
                .contains(Revocation.compromised(revokedAt, revokedAt));
        assertThat(migrated.trustedKeys().findById(active.id()).orElseThrow().revocation()).isEmpty();
        assertThat(migrated.trustedKeys().findById(active.id()).orElseThrow().validity())
                .isEqualTo(ValidityWindow.ALWAYS);
        assertThat(migrated.signingKeys().findById(revokedSigner.id()).orElseThrow().revocation())
                .contains(Revocation.compromised(revokedAt, revokedAt));
        migrated.close();
    }

    @OnEveryDatabase
    void opening_an_up_to_date_database_neither_waits_for_the_migration_lock_nor_prints(TestDatabase db)
            throws Exception {
        db.open().close();
        try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
            // as if another process were migrating right now
            assertThat(statement.executeUpdate("UPDATE databasechangeloglock SET locked = TRUE,"
                    + " lockgranted = CURRENT_TIMESTAMP, lockedby = 'another process' WHERE id = 1")).isEqualTo(1);
        }
        LoggerFactory.getILoggerFactory();
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream out = System.out;
        long started = System.nanoTime();
        try {
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            assertThat(db.open().organizations().list()).isEmpty();
        } finally {
            System.setOut(out);
        }

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        assertThat(printed.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @OnEveryDatabase
    void an_applied_changeset_that_was_edited_fails_opening_with_a_one_line_reason(TestDatabase db) throws Exception {
        db.open().close();
        try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
            statement.executeUpdate("UPDATE databasechangelog SET md5sum = '9:0123456789abcdef0123456789abcdef'"
                    + " WHERE id = '1-organizations'");
            // something left to apply, so that Liquibase runs (and validates) at all
            statement.executeUpdate("DELETE FROM databasechangelog WHERE id = '5-package-signatures'");
        }

        assertThatThrownBy(db::open)
                .isInstanceOf(MigrationFailed.class)
                .hasMessageStartingWith("database schema migration failed: ")
                .hasMessageContaining("1-organizations")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @OnEveryDatabase
    void two_threads_opening_a_new_database_at_once_both_succeed(TestDatabase db) throws Exception {
        int openers = 2;
        CyclicBarrier start = new CyclicBarrier(openers);
        ExecutorService pool = Executors.newFixedThreadPool(openers);
        try {
            List<Future<Database>> opened = new ArrayList<>();
            for (int i = 0; i < openers; i++) {
                Callable<Database> open = () -> {
                    start.await();
                    return db.open();
                };
                opened.add(pool.submit(open));
            }
            for (Future<Database> database : opened) {
                assertThat(database.get(60, TimeUnit.SECONDS).organizations().list()).isEmpty();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(appliedChangeSets(db)).containsExactlyElementsOf(CHANGESETS);
    }

    @OnEveryDatabase
    void migrating_prints_nothing_and_logs_no_info(TestDatabase db) {
        db.url(); // create the database before watching
        LoggerFactory.getILoggerFactory(); // SLF4J's own "no provider" notice is the host application's business
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        List<LogRecord> logged = new ArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger liquibase = Logger.getLogger("liquibase");
        Level previous = liquibase.getLevel();
        liquibase.setLevel(Level.ALL);
        liquibase.addHandler(handler);
        PrintStream out = System.out;
        PrintStream err = System.err;
        try {
            PrintStream capture = new PrintStream(printed, true, StandardCharsets.UTF_8);
            System.setOut(capture);
            System.setErr(capture);
            db.open();
        } finally {
            System.setOut(out);
            System.setErr(err);
            liquibase.removeHandler(handler);
            liquibase.setLevel(previous);
        }

        assertThat(printed.toString(StandardCharsets.UTF_8)).isEmpty();
        // Below INFO is java.util.logging's default threshold: such records are never printed unless asked for.
        assertThat(logged).filteredOn(record -> record.getLevel().intValue() >= Level.INFO.intValue())
                .extracting(record -> record.getLevel() + " " + record.getMessage())
                .isEmpty();
    }

    @Test
    void two_processes_migrating_a_new_postgresql_database_at_once_both_succeed(@TempDir Path logs) throws Exception {
        try (TestDatabase db = TestDatabase.postgres()) {
            List<String> outcomes = runConcurrently(db, logs, Duration.ZERO, Duration.ZERO);

            // While one process migrates, the other may wait for the lock, and Liquibase then prints this line
            // to stdout whatever its UI is set to (it forces a console UI there). It can only happen while a
            // migration is really running: an up-to-date database never takes the lock (see the test above).
            assertThat(outcomes).allSatisfy(outcome ->
                    assertThat(outcome).matches("exit 0: (Waiting for changelog lock\\.\\.\\.\\.\\n?)*"));
            assertThat(appliedChangeSets(db)).containsExactlyElementsOf(CHANGESETS);
        }
    }

    /**
     * H2 lets one process at a time open a file database (no AUTO_SERVER, see Database#h2FileUrl). A second
     * one does not fail at once: the pool keeps trying for the connection timeout, so it gets in as soon
     * as the first closes, as two quick CLI runs would.
     */
    @Test
    void a_second_process_waits_for_the_embedded_database_rather_than_failing(@TempDir Path logs) throws Exception {
        try (TestDatabase db = TestDatabase.h2()) {
            List<String> outcomes = runConcurrently(db, logs, Duration.ofMillis(1500), Duration.ofMillis(1500));

            assertThat(outcomes).containsExactly("exit 0: ", "exit 0: ");
            assertThat(appliedChangeSets(db)).containsExactlyElementsOf(CHANGESETS);
        }
    }

    /** Starts two processes that open the database at the same moment; returns "exit CODE: OUTPUT" of each. */
    private static List<String> runConcurrently(TestDatabase db, Path logs, Duration holdFirst, Duration holdSecond)
            throws Exception {
        Instant startAt = Instant.now().plusSeconds(3); // both JVMs are up by then
        List<Process> processes = List.of(
                OpenInAnotherProcess.start(db, startAt, holdFirst, logs.resolve("first.log")),
                OpenInAnotherProcess.start(db, startAt, holdSecond, logs.resolve("second.log")));
        List<String> outcomes = new ArrayList<>();
        for (int i = 0; i < processes.size(); i++) {
            Process process = processes.get(i);
            if (!process.waitFor(90, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            String output = Files.readAllLines(logs.resolve(i == 0 ? "first.log" : "second.log")).stream()
                    .filter(line -> !line.startsWith("SLF4J(")) // no logging provider in the test JVM: its notice
                    .collect(Collectors.joining("\n"));
            outcomes.add("exit " + (process.isAlive() ? "timeout" : process.exitValue()) + ": " + output);
        }
        return outcomes;
    }
}
