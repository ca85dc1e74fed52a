package dev.signet.bootstrap.concurrency;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.adapters.persistence.db.TestDatabase;
import dev.signet.bootstrap.Signet;
import dev.signet.bootstrap.support.Keks;
import dev.signet.bootstrap.support.Processes;
import dev.signet.domain.Hex;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Four JVM processes with eight threads each, for a bounded time, against one PostgreSQL database:
 * afterwards the data is still honest, the audit chain whole, and the audit rows of each event type are
 * exactly the operations the processes report having done.
 */
class MultiProcessConcurrencyTest {
    private static final int PROCESSES = 4;
    private static final int SECONDS = 8;
    /**
     * The audit row each outcome a worker reports must leave: successes, refused key creations and signings
     * (recorded as failures) and rejected verifications. Other refusals (a conflict, a grant already
     * revoked) and operations that found nothing to do leave none; organizations have no audit event.
     */
    private static final Map<String, String> AUDIT_EVENT_OF_OUTCOME = Map.ofEntries(
            Map.entry("org.ok", "organization.created"),
            Map.entry("key.ok", "key.signing.created"),
            Map.entry("key.refused", "key.signing.create_failed"),
            Map.entry("trust.ok", "key.trusted.added"),
            Map.entry("revoke-trust.ok", "key.trusted.revoked"),
            Map.entry("grant.ok", "key.trust_acl.granted"),
            Map.entry("ungrant.ok", "key.trust_acl.revoked"),
            Map.entry("sign.ok", "package.signed"),
            Map.entry("sign.refused", "package.sign.failure"),
            Map.entry("verify.ok", "verification.success"),
            Map.entry("verify.rejected", "verification.failure"),
            Map.entry("revoke-key.ok", "key.signing.revoked"));

    @TempDir
    Path dir;

    @Test
    void four_processes_at_random_leave_honest_data_and_a_whole_audit_chain() throws Exception {
        try (TestDatabase db = TestDatabase.postgres()) {
            String kek = Hex.encode(Keks.randomBytes());
            try (Signet migrated = Signet.builder().jdbcUrl(db.url(), db.user(), db.password()).build()) {
                assertThat(migrated.audit().verify().isWhole()).isTrue();
            }
            List<CompletableFuture<Processes.Result>> workers = new ArrayList<>();
            for (int p = 0; p < PROCESSES; p++) {
                String[] args = {db.url(), nullToEmpty(db.user()), nullToEmpty(db.password()), kek,
                        String.valueOf(SECONDS), String.valueOf(p + 1), dir.resolve("worker-" + p).toString()};
                workers.add(CompletableFuture.supplyAsync(() -> Processes.java(dir, ConcurrencyWorker.class, args)));
            }
            Map<String, Long> reported = new TreeMap<>();
            for (CompletableFuture<Processes.Result> worker : workers) {
                Processes.Result result = worker.get();
                assertThat(result.exitCode()).as(result.output()).isZero();
                assertThat(result.output()).as("no unexpected exception").doesNotContain("UNEXPECTED");
                System.out.println(result.output());
                counts(result.output()).forEach((outcome, count) -> reported.merge(outcome, count, Long::sum));
            }
            System.out.println("reported by the " + PROCESSES + " processes: " + reported);
            assertThat(reported.getOrDefault("sign.ok", 0L)).isPositive();
            assertThat(reported.getOrDefault("verify.ok", 0L) + reported.getOrDefault("verify.rejected", 0L))
                    .as("verifications ran (most are rejected: few organizations trust the signer)").isPositive();

            try (Connection connection = db.connect()) {
                assertThat(count(connection, "SELECT COUNT(*) FROM (SELECT org_id, fingerprint FROM trusted_keys "
                        + "WHERE revoked_at IS NULL GROUP BY org_id, fingerprint HAVING COUNT(*) > 1) d"))
                        .as("no fingerprint trusted twice at once by one organization").isZero();
                assertThat(count(connection, "SELECT COUNT(*) FROM (SELECT parent_org_id, child_org_id FROM trust_acls "
                        + "WHERE revoked_at IS NULL GROUP BY parent_org_id, child_org_id HAVING COUNT(*) > 1) d"))
                        .as("no grant active twice").isZero();
                assertThat(count(connection, "SELECT COUNT(*) FROM package_signatures")).isPositive();
                try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(
                        "SELECT s.package_hash, s.signature, k.public_key FROM package_signatures s "
                                + "JOIN signing_keys k ON k.id = s.signing_key_id")) {
                    while (rows.next()) {
                        byte[] message = Hex.decode(rows.getString(1), 32, "package hash");
                        assertThat(Ed25519.verify(rows.getBytes(2), 0, rows.getBytes(3), 0, message, 0, 32))
                                .as("every stored signature is a valid signature by its key").isTrue();
                    }
                }
                for (String[] pair : new String[][] {{"key.signing.created", "signing_keys"},
                        {"key.trusted.added", "trusted_keys"}, {"key.trust_acl.granted", "trust_acls"}}) {
                    assertThat(count(connection, "SELECT COUNT(*) FROM audit_events WHERE event_type = '" + pair[0] + "'"))
                            .as("one %s event per row of %s", pair[0], pair[1])
                            .isEqualTo(count(connection, "SELECT COUNT(*) FROM " + pair[1]));
                }
                assertThat(count(connection, "SELECT COUNT(*) FROM audit_events WHERE event_type = 'key.signing.revoked'"))
                        .isEqualTo(count(connection, "SELECT COUNT(*) FROM signing_keys WHERE revoked_at IS NOT NULL"));
                assertThat(auditRowsByType(connection)).as("audit rows per event type = what the processes reported")
                        .isEqualTo(expectedAuditRows(reported));
            }
            try (Signet signet = Signet.builder().jdbcUrl(db.url(), db.user(), db.password()).build()) {
                assertThat(signet.audit().verify().isWhole()).as("the audit chain is whole").isTrue();
                assertThat(signet.audit().list(Optional.empty(), Optional.empty())).isNotEmpty();
            }
        }
    }

    /** The worker's last line, {@code COUNTS sign.ok=12 sign.refused=1 ...}, as a map. */
    private static Map<String, Long> counts(String output) {
        List<String> lines = output.lines().filter(line -> line.startsWith("COUNTS")).toList();
        assertThat(lines).as("one COUNTS line in %s", output).hasSize(1);
        Map<String, Long> counts = new TreeMap<>();
        for (String pair : lines.get(0).substring("COUNTS".length()).trim().split(" ")) {
            String[] parts = pair.split("=");
            counts.put(parts[0], Long.parseLong(parts[1]));
        }
        return counts;
    }

    private static Map<String, Long> expectedAuditRows(Map<String, Long> reported) {
        Map<String, Long> expected = new TreeMap<>();
        AUDIT_EVENT_OF_OUTCOME.forEach((outcome, eventType) -> {
            long count = reported.getOrDefault(outcome, 0L);
            if (count > 0) {
                expected.merge(eventType, count, Long::sum);
            }
        });
        return expected;
    }

    private static Map<String, Long> auditRowsByType(Connection connection) throws Exception {
        Map<String, Long> rows = new TreeMap<>();
        try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery(
                "SELECT event_type, COUNT(*) FROM audit_events GROUP BY event_type")) {
            while (row.next()) {
                rows.put(row.getString(1), row.getLong(2));
            }
        }
        return rows;
    }

    private static long count(Connection connection, String sql) throws Exception {
        try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        }
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
