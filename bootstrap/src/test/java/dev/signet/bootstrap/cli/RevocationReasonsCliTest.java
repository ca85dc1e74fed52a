package dev.signet.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signet.adapters.persistence.db.OnEveryDatabase;
import dev.signet.adapters.persistence.db.TestDatabase;
import dev.signet.bootstrap.support.Cli;
import dev.signet.bootstrap.support.DatabaseArgs;
import dev.signet.bootstrap.support.Keks;
import dev.signet.domain.Hex;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14's revocation reasons, validity windows and time basis through the CLI. Without timestamps every
 * signature is judged at the current time, so any revocation fails it; {@code trust explain --at} shows what a
 * signature with a trusted time would get.
 */
class RevocationReasonsCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @OnEveryDatabase
    void a_retired_key_fails_untimestamped_signatures_keeps_earlier_trusted_times_and_widens_to_a_compromise(
            TestDatabase db) throws Exception {
        Cli cli = cli();
        Path pkg = Files.writeString(dir.resolve("plugin.so"), "a plugin");
        ok(cli.run(DatabaseArgs.on(db, "org", "create", "acme")));
        String[] key = ok(cli.run(DatabaseArgs.on(db, "key", "create", "--org", "acme", "--name", "k")))
                .strip().split(" ");
        Path pem = dir.resolve("k.pem");
        ok(cli.run(DatabaseArgs.on(db, "key", "export", key[0], "--out", pem)));
        String row = ok(cli.run(DatabaseArgs.on(db, "trust", "add", "--org", "acme", "--pem", pem))).strip();
        ok(cli.run(DatabaseArgs.on(db, "sign", pkg, "--key", key[0])));

        JsonNode verified = JSON.readTree(ok(cli.run(DatabaseArgs.on(db, "verify", pkg, "--org", "acme", "--json"))));
        assertThat(verified.get("time_basis").get("kind").asText()).isEqualTo("current_time");
        assertThat(verified.get("time_basis").get("description").asText()).isEqualTo("no trusted time: current time");
        assertThat(Instant.parse(verified.get("time_basis").get("time").asText())).isBeforeOrEqualTo(Instant.now());
        assertThat(ok(cli.run(DatabaseArgs.on(db, "verify", pkg, "--org", "acme"))))
                .contains("time basis: no trusted time: current time");

        Instant beforeRetirement = Instant.now().minusSeconds(60);
        JsonNode retired;
        try (AuditTail audit = AuditTail.of(dir.resolve("home").resolve("audit.log"))) {
            retired = JSON.readTree(ok(cli.run(DatabaseArgs.on(db, "trust", "revoke", row, "--reason",
                    "retired", "--json"))));
            JsonNode event = single(audit, "key.trusted.revoked");
            assertThat(event.get("revocation_reason").asText()).isEqualTo("retired");
            assertThat(event.get("revocation_effective_at").asText()).isEqualTo(retired.get("revoked_at").asText());
        }
        assertThat(retired.get("revocation_reason").asText()).isEqualTo("retired");
        assertThat(retired.get("revocation_effective_at").asText()).isEqualTo(retired.get("revoked_at").asText());

        try (AuditTail audit = AuditTail.of(dir.resolve("home").resolve("audit.log"))) {
            Cli.Result untimestamped = cli.run(DatabaseArgs.on(db, "verify", pkg, "--org", "acme"));
            assertUntrusted(untimestamped);
            assertThat(untimestamped.err()).contains("judged at no trusted time: current time");
            assertThat(single(audit, "verification.failure").get("time_basis").asText())
                    .isEqualTo("no trusted time: current time");
        }
        JsonNode before = JSON.readTree(ok(cli.run(DatabaseArgs.on(db, "trust", "explain", "--org", "acme",
                key[1], "--at", beforeRetirement, "--json"))));
        assertThat(before.get("trusted_key_id").asText()).isEqualTo(row);
        assertThat(before.get("time_basis").get("kind").asText()).isEqualTo("trusted_time");
        assertThat(before.get("time_basis").get("time").asText()).isEqualTo(beforeRetirement.toString());
        assertUntrusted(cli.run(DatabaseArgs.on(db, "trust", "explain", "--org", "acme", key[1],
                "--at", Instant.now())));

        // found compromised since before the retirement: the revocation widens, the earlier trusted time fails too
        Instant compromisedSince = beforeRetirement.minusSeconds(60).truncatedTo(ChronoUnit.SECONDS);
        JsonNode compromised = JSON.readTree(ok(cli.run(DatabaseArgs.on(db, "trust", "revoke", row,
                "--reason", "compromised", "--effective", compromisedSince, "--json"))));
        assertThat(compromised.get("revocation_reason").asText()).isEqualTo("compromised");
        assertThat(compromised.get("revocation_effective_at").asText()).isEqualTo(compromisedSince.toString());
        Cli.Result explained = cli.run(DatabaseArgs.on(db, "trust", "explain", "--org", "acme", key[1],
                "--at", beforeRetirement));
        assertUntrusted(explained);
        assertThat(explained.err()).contains("no active trusted key")
                .contains("judged at trusted time " + beforeRetirement + " from TSA none: assumed by the caller");
        ok(cli.run(DatabaseArgs.on(db, "trust", "explain", "--org", "acme", key[1],
                "--at", compromisedSince.minusSeconds(1))));

        Cli.Result narrower = cli.run(DatabaseArgs.on(db, "trust", "revoke", row, "--reason", "retired"));
        assertThat(narrower.exitCode()).as(narrower.toString()).isEqualTo(1);
        assertThat(narrower.err()).startsWith("Conflict: ").contains("only a compromise effective at or before");
        JsonNode listed = JSON.readTree(ok(cli.run(DatabaseArgs.on(db, "trust", "list", "--org", "acme", "--json"))));
        assertThat(listed.get(0).get("revocation_reason").asText()).isEqualTo("compromised");
    }

    @OnEveryDatabase
    void revocation_options_are_checked_retired_takes_no_effective_time_and_nothing_takes_effect_later(
            TestDatabase db) throws Exception {
        Cli cli = cli();
        ok(cli.run(DatabaseArgs.on(db, "org", "create", "acme")));
        String[] key = ok(cli.run(DatabaseArgs.on(db, "key", "create", "--org", "acme", "--name", "k")))
                .strip().split(" ");
        Path pem = dir.resolve("k.pem");
        ok(cli.run(DatabaseArgs.on(db, "key", "export", key[0], "--out", pem)));
        String row = ok(cli.run(DatabaseArgs.on(db, "trust", "add", "--org", "acme", "--pem", pem))).strip();

        Cli.Result retiredEarlier = cli.run(DatabaseArgs.on(db, "trust", "revoke", row, "--reason", "retired",
                "--effective", "2026-01-01T00:00:00Z"));
        assertThat(retiredEarlier.exitCode()).as(retiredEarlier.toString()).isEqualTo(2);
        assertThat(retiredEarlier.err()).contains("--effective is for --reason compromised only");
        Cli.Result unknown = cli.run(DatabaseArgs.on(db, "trust", "revoke", row, "--reason", "lost"));
        assertThat(unknown.exitCode()).as(unknown.toString()).isEqualTo(2);
        Cli.Result future = cli.run(DatabaseArgs.on(db, "trust", "revoke", row, "--reason", "compromised",
                "--effective", Instant.now().plusSeconds(3600)));
        assertThat(future.exitCode()).as(future.toString()).isEqualTo(1);
        assertThat(future.err()).startsWith("InvalidInput: a revocation cannot take effect in the future");

        JsonNode byDefault = JSON.readTree(ok(cli.run(DatabaseArgs.on(db, "trust", "revoke", row, "--json"))));
        assertThat(byDefault.get("revocation_reason").asText()).as("the default reason").isEqualTo("compromised");

        Cli.Result backwards = cli.run(DatabaseArgs.on(db, "trust", "add", "--org", "acme", "--pem", pem,
                "--not-before", "2026-02-01T00:00:00Z", "--not-after", "2026-01-01T00:00:00Z"));
        assertThat(backwards.exitCode()).as(backwards.toString()).isEqualTo(2);
    }

    @OnEveryDatabase
    void a_key_outside_its_validity_window_is_untrusted_and_explain_says_so(TestDatabase db) throws Exception {
        Cli cli = cli();
        Path pkg = Files.writeString(dir.resolve("plugin.so"), "a plugin");
        ok(cli.run(DatabaseArgs.on(db, "org", "create", "acme")));
        String[] key = ok(cli.run(DatabaseArgs.on(db, "key", "create", "--org", "acme", "--name", "k")))
                .strip().split(" ");
        Path pem = dir.resolve("k.pem");
        ok(cli.run(DatabaseArgs.on(db, "key", "export", key[0], "--out", pem)));
        Instant closed = Instant.parse("2026-03-01T00:00:00Z");
        JsonNode added = JSON.readTree(ok(cli.run(DatabaseArgs.on(db, "trust", "add", "--org", "acme",
                "--pem", pem, "--not-before", "2026-01-01T00:00:00Z", "--not-after", closed, "--json"))));
        assertThat(added.get("not_before").asText()).isEqualTo("2026-01-01T00:00:00Z");
        assertThat(added.get("not_after").asText()).isEqualTo(closed.toString());
        ok(cli.run(DatabaseArgs.on(db, "sign", pkg, "--key", key[0])));

        assertUntrusted(cli.run(DatabaseArgs.on(db, "verify", pkg, "--org", "acme")));
        Cli.Result now = cli.run(DatabaseArgs.on(db, "trust", "explain", "--org", "acme", key[1]));
        assertUntrusted(now);
        assertThat(now.err()).contains("valid from 2026-01-01T00:00:00Z until " + closed);
        ok(cli.run(DatabaseArgs.on(db, "trust", "explain", "--org", "acme", key[1], "--at", closed)));
    }

    @OnEveryDatabase
    void a_signing_key_revoked_for_either_reason_signs_no_more_and_keeps_its_reason(TestDatabase db)
            throws Exception {
        Cli cli = cli();
        Path pkg = Files.writeString(dir.resolve("plugin.so"), "a plugin");
        ok(cli.run(DatabaseArgs.on(db, "org", "create", "acme")));
        String retired = ok(cli.run(DatabaseArgs.on(db, "key", "create", "--org", "acme", "--name", "old")))
                .strip().split(" ")[0];
        String lost = ok(cli.run(DatabaseArgs.on(db, "key", "create", "--org", "acme", "--name", "lost")))
                .strip().split(" ")[0];

        try (AuditTail audit = AuditTail.of(dir.resolve("home").resolve("audit.log"))) {
            JsonNode revoked = JSON.readTree(ok(cli.run(DatabaseArgs.on(db, "key", "revoke", retired,
                    "--reason", "retired", "--json"))));
            assertThat(revoked.get("revocation_reason").asText()).isEqualTo("retired");
            assertThat(single(audit, "key.signing.revoked").get("revocation_reason").asText()).isEqualTo("retired");
        }
        ok(cli.run(DatabaseArgs.on(db, "key", "revoke", lost, "--reason", "compromised", "--effective",
                "2026-01-01T00:00:00Z")));

        for (String key : List.of(retired, lost)) {
            Cli.Result signed = cli.run(DatabaseArgs.on(db, "sign", pkg, "--key", key));
            assertThat(signed.exitCode()).as(signed.toString()).isEqualTo(1);
            assertThat(signed.err()).startsWith("SigningKeyRevoked: ");
        }
        assertThat(ok(cli.run(DatabaseArgs.on(db, "key", "list", "--org", "acme"))))
                .contains("(retired, effective ").contains("(compromised, effective 2026-01-01T00:00:00Z)");
    }

    private Cli cli() throws Exception {
        Path kekFile = Keks.ownerOnly(Files.writeString(dir.resolve("kek"), Hex.encode(Keks.randomBytes())));
        return new Cli(dir.resolve("home"), Map.of("SIGNET_KEY_ENCRYPTION_KEY_FILE", kekFile.toString()));
    }

    private static JsonNode single(AuditTail audit, String eventType) {
        List<JsonNode> events = audit.lines().stream()
                .filter(line -> eventType.equals(line.path("event_type").asText())).toList();
        assertThat(events).as(audit.lines().toString()).hasSize(1);
        return events.get(0);
    }

    /** The lines the CLI appended to HOME/audit.log (the SIEM stream) since {@link #of}. */
    private record AuditTail(Path file, long from) implements AutoCloseable {
        static AuditTail of(Path file) throws IOException {
            return new AuditTail(file, Files.exists(file) ? Files.size(file) : 0);
        }

        List<JsonNode> lines() {
            try {
                byte[] all = Files.exists(file) ? Files.readAllBytes(file) : new byte[0];
                String appended = new String(all, (int) from, all.length - (int) from, StandardCharsets.UTF_8);
                List<JsonNode> lines = new ArrayList<>();
                for (String line : appended.split("\n")) {
                    if (!line.isBlank()) {
                        lines.add(JSON.readTree(line));
                    }
                }
                return lines;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() {
        }
    }

    private static void assertUntrusted(Cli.Result result) {
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(4);
        assertThat(result.errLines()).as(result.toString()).singleElement()
                .satisfies(line -> assertThat(line).startsWith("UntrustedSigner: "));
    }

    private static String ok(Cli.Result result) {
        assertThat(result.exitCode()).as(result.toString()).isZero();
        return result.out();
    }
}
