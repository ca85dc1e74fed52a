package dev.signet.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signet.adapters.persistence.db.OnEveryDatabase;
import dev.signet.adapters.persistence.db.TestDatabase;
import dev.signet.bootstrap.support.Cli;
import dev.signet.bootstrap.support.DatabaseArgs;
import dev.signet.bootstrap.support.Keks;
import dev.signet.bootstrap.support.Processes;
import dev.signet.bootstrap.support.SoftHsm;
import dev.signet.domain.Hex;
import dev.signet.domain.key.KeyEncryptionKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command that changes something writes its audit record, in the audit chain's table, with the change. The
 * list of commands is not typed in here but read from picocli's model of {@code signet}: every leaf command must be
 * classified below, as a change (with the scenario that runs it and the events it must record) or as read-only,
 * so a command added later fails {@link #every_command_is_classified_as_a_change_or_as_read_only} until someone
 * says which it is and, for a change, shows its record.
 */
class EveryChangeIsAuditedTest {
    /**
     * Commands that change nothing in the store (they may still record what they did, as verify and load do). The
     * quickstart works on a throw-away home of its own.
     */
    private static final Set<String> READ_ONLY = Set.of("org list", "key list", "key export", "trust list",
            "trust explain", "trust tsa list", "verify", "load", "audit list", "audit verify", "quickstart", "help",
            "token list", "serve");

    /** Changes, in the order one flow runs them: each builds on what the ones before it made. */
    private static final List<Change> CHANGES = List.of(
            new Change("org create", false, List.of("organization.created"), flow -> {
                flow.orgId = flow.ok("org", "create", "acme").strip();
                flow.expect("org_id", flow.orgId).expect("org_name", "acme");
            }),
            new Change("key create", false, List.of("key.signing.created"), flow -> {
                flow.keyId = flow.ok("key", "create", "--org", "acme", "--name", "release").split(" ")[0];
                flow.expect("org_id", flow.orgId).expect("key_id", flow.keyId).expect("key_name", "release");
            }),
            new Change("token create", false, List.of("token.created"), flow -> {
                List<String> lines = flow.ok("token", "create", "--org", "acme", "--role", "signer", "--key",
                        flow.keyId, "--expires", "30d", "--name", "ci").lines().toList();
                flow.tokenId = lines.get(0).split(" ")[2];
                String secret = lines.get(lines.size() - 1);
                assertThat(secret).startsWith("signet_");
                assertThat(flow.recordsAfter(flow.before).toString()).as("no record holds the token")
                        .doesNotContain(secret);
                flow.expect("org_id", flow.orgId).expect("token_id", flow.tokenId).expect("role", "signer")
                        .expect("key_ids", flow.keyId).expect("token_name", "ci");
            }),
            new Change("token revoke", false, List.of("token.revoked"), flow -> {
                flow.ok("token", "revoke", flow.tokenId);
                flow.expect("org_id", flow.orgId).expect("token_id", flow.tokenId);
            }),
            new Change("trust add", false, List.of("key.trusted.added"), flow -> {
                Path pem = flow.dir.resolve("release.pem");
                flow.ok("key", "export", flow.keyId, "--out", pem);
                flow.sinceHere();
                flow.trustedId = flow.ok("trust", "add", "--org", "acme", "--pem", pem).strip();
                flow.expect("org_id", flow.orgId).expect("key_id", flow.trustedId);
            }),
            new Change("trust tsa add", false, List.of("tsa.trusted.added"), flow -> {
                Path pem;
                try (var tsa = new dev.signet.bootstrap.support.tsa.BouncyCastleTsa(flow.dir.resolve("tsa"), "Audit")) {
                    pem = tsa.caCertificate();
                }
                flow.tsaId = flow.ok("trust", "tsa", "add", "--org", "acme", "--pem", pem, "--label", "corp").strip();
                flow.expect("org_id", flow.orgId).expect("tsa_id", flow.tsaId).expect("label", "corp")
                        .expect("tsa_subject", "CN=Audit Test CA,O=Signet tests");
            }),
            new Change("trust tsa revoke", false, List.of("tsa.trusted.revoked"), flow -> {
                flow.ok("trust", "tsa", "revoke", flow.tsaId);
                flow.expect("tsa_id", flow.tsaId).expect("org_id", flow.orgId);
            }),
            new Change("trust grant", false, List.of("key.trust_acl.granted"), flow -> {
                flow.childId = flow.ok("org", "create", "acme-child").strip();
                flow.sinceHere();
                flow.ok("trust", "grant", "--parent", "acme", "--child", "acme-child");
                flow.expect("parent_org_id", flow.orgId).expect("child_org_id", flow.childId);
            }),
            new Change("trust ungrant", false, List.of("key.trust_acl.revoked"), flow -> {
                flow.ok("trust", "ungrant", "--parent", "acme", "--child", "acme-child");
                flow.expect("parent_org_id", flow.orgId).expect("child_org_id", flow.childId);
            }),
            new Change("sign", false, List.of("package.signed"), flow -> {
                Path pkg = Files.writeString(flow.dir.resolve("plugin.so"), "a plugin");
                flow.ok("sign", pkg, "--key", flow.keyId);
                flow.expect("package_path", pkg.toString());
            }),
            new Change("audit checkpoint", false, List.of("audit.checkpoint"), flow -> {
                flow.ok("audit", "checkpoint", "--audit-key", flow.keyId);
                flow.expect("key_id", flow.keyId);
            }),
            new Change("kek rotate", false, List.of("kek.rotated"), flow -> {
                byte[] next = Keks.randomBytes();
                Path nextFile = Keks.ownerOnly(Files.writeString(flow.dir.resolve("next.kek"), Hex.encode(next)));
                flow.ok("kek", "rotate", "--new-kek-file", nextFile);
                flow.expect("from_kek_id", flow.kekId).expect("to_kek_id", KeyEncryptionKey.of(next).id().value())
                        .expect("rewrapped", "1");
                flow.kekFile = nextFile;
            }),
            new Change("trust revoke", false, List.of("key.trusted.revoked"), flow -> {
                flow.ok("trust", "revoke", flow.trustedId);
                flow.expect("key_id", flow.trustedId);
            }),
            new Change("key revoke", false, List.of("key.signing.revoked"), flow -> {
                flow.ok("key", "revoke", flow.keyId);
                flow.expect("key_id", flow.keyId);
            }),
            new Change("key create", true, List.of("key.signing.created"), flow -> {
                String id = flow.ok("key", "create", "--org", "acme", "--name", "in-token", "--backend", "pkcs11")
                        .split(" ")[0];
                flow.expect("key_id", id).expect("key_name", "in-token");
            }),
            new Change("key import", true, List.of("key.signing.created"), flow -> {
                String label = "imported-" + UUID.randomUUID().toString().substring(0, 8);
                Processes.ok(flow.dir, "pkcs11-tool", "--module", flow.hsm.library().toString(), "--token-label",
                        flow.hsm.token(), "--login", "--pin", flow.hsm.pin(), "--keypairgen", "--key-type",
                        "EC:edwards25519", "--label", label, "--id", HexFormat.of().formatHex(Keks.randomBytes()));
                String id = flow.ok("key", "import", "--org", "acme", "--name", "imported", "--pkcs11-label", label)
                        .split(" ")[0];
                flow.expect("key_id", id).expect("key_name", "imported");
            }),
            new Change("kek create", true, List.of("kek.created"), flow -> {
                String label = "kek-" + UUID.randomUUID().toString().substring(0, 8);
                flow.ok("kek", "create", "--pkcs11-label", label);
                flow.expect("kek_id", KeyEncryptionKey.inToken(label).id().value()).expect("pkcs11_label", label);
            }));

    @TempDir
    Path dir;

    @Test
    void every_command_is_classified_as_a_change_or_as_read_only() {
        Set<String> changes = CHANGES.stream().map(Change::command).collect(Collectors.toCollection(TreeSet::new));
        assertThat(changes).doesNotContainAnyElementsOf(READ_ONLY);
        assertThat(CommandTree.leafCommands()).as("every leaf command of signet: classify a new one in this test")
                .containsExactlyInAnyOrderElementsOf(union(changes, READ_ONLY));
    }

    @OnEveryDatabase
    void every_change_through_the_cli_writes_its_audit_record(TestDatabase db) throws Exception {
        Flow flow = new Flow(db, dir, null);
        for (Change change : CHANGES) {
            if (!change.needsHsm()) {
                flow.check(change);
            }
        }
        assertThat(flow.checked).containsAll(CHANGES.stream().filter(c -> !c.needsHsm()).map(Change::command).toList());

        // the read-only commands that record what they did name their actor too
        Path pkg = dir.resolve("plugin.so");
        long before = flow.lastPosition();
        flow.run("verify", pkg, "--org", "acme");
        flow.run("load", pkg, "--org", "acme", "--out", dir.resolve("loaded.so"));
        assertThat(flow.recordsAfter(before)).extracting(record -> record.path("event_type").asText())
                .containsExactly("verification.failure", "verification.failure", "package.load.failure");
        flow.everyRecordNamesTheOsUser();
    }

    @OnEveryDatabase
    void every_change_to_the_token_through_the_cli_writes_its_audit_record(TestDatabase db) throws Exception {
        Flow flow = new Flow(db, dir, SoftHsm.require());
        flow.orgId = flow.ok("org", "create", "acme").strip();
        for (Change change : CHANGES) {
            if (change.needsHsm()) {
                flow.check(change);
            }
        }
        assertThat(flow.checked).containsAll(CHANGES.stream().filter(Change::needsHsm).map(Change::command).toList());
        flow.everyRecordNamesTheOsUser();
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new TreeSet<>(a);
        all.addAll(b);
        return all;
    }

    interface Scenario {
        void run(Flow flow) throws Exception;
    }

    record Change(String command, boolean needsHsm, List<String> eventTypes, Scenario scenario) {
    }

    /** One home and one database, the CLI run against them, and what the changes so far have made. */
    static final class Flow {
        final TestDatabase db;
        final Path dir;
        final SoftHsm hsm;
        final List<String> checked = new ArrayList<>();
        final Map<String, String> expectedFields = new HashMap<>();
        Cli cli;
        Path kekFile;
        String kekId;
        String orgId;
        String childId;
        String keyId;
        String trustedId;
        String tokenId;
        String tsaId;
        long before;

        Flow(TestDatabase db, Path dir, SoftHsm hsm) throws Exception {
            this.db = db;
            this.dir = dir;
            this.hsm = hsm;
            byte[] kek = Keks.randomBytes();
            this.kekFile = Keks.ownerOnly(Files.writeString(dir.resolve("kek"), Hex.encode(kek)));
            this.kekId = KeyEncryptionKey.of(kek).id().value();
            db.open().close(); // the schema, so that the records before the first command can be counted
        }

        String ok(Object... args) {
            Cli.Result result = run(args);
            assertThat(result.exitCode()).as(result.toString()).isZero();
            assertThat(result.err()).as(result.toString()).isEmpty();
            return result.out();
        }

        Cli.Result run(Object... args) {
            Map<String, String> environment = new HashMap<>(Map.of("SIGNET_KEY_ENCRYPTION_KEY_FILE", kekFile.toString()));
            if (hsm != null) {
                environment.putAll(Map.of("SIGNET_PKCS11_LIBRARY", hsm.library().toString(), "SIGNET_PKCS11_TOKEN",
                        hsm.token(), "SIGNET_PKCS11_PIN", hsm.pin()));
            }
            cli = new Cli(dir.resolve("home"), environment);
            return cli.run(DatabaseArgs.on(db, args));
        }

        /** Records from here on are the change's: what a scenario ran before to set it up is not. */
        void sinceHere() throws Exception {
            before = lastPosition();
        }

        Flow expect(String field, String value) {
            expectedFields.put(field, value);
            return this;
        }

        void check(Change change) throws Exception {
            expectedFields.clear();
            sinceHere();
            change.scenario().run(this);
            List<JsonNode> records = recordsAfter(before);
            assertThat(records).as("the records `signet %s` wrote", change.command())
                    .extracting(record -> record.path("event_type").asText())
                    .containsExactlyElementsOf(change.eventTypes());
            JsonNode record = records.get(records.size() - 1);
            expectedFields.forEach((field, value) -> assertThat(record.path(field).asText())
                    .as("%s of the record of `signet %s`: %s", field, change.command(), record).isEqualTo(value));
            assertThat(records).as("the records `signet %s` wrote name its actor, the OS user", change.command())
                    .allSatisfy(Flow::namesTheOsUser);
            checked.add(change.command());
        }

        /** Every record in the chain, the setup's included: the CLI's actor is the OS user, and no request's fields. */
        void everyRecordNamesTheOsUser() throws Exception {
            assertThat(recordsAfter(0)).isNotEmpty().allSatisfy(Flow::namesTheOsUser);
        }

        private static void namesTheOsUser(JsonNode record) {
            assertThat(record.path("actor_kind").asText()).as("actor_kind of %s", record).isEqualTo("os_user");
            assertThat(record.path("actor_id").asText()).as("actor_id of %s", record)
                    .isEqualTo(ProcessHandle.current().info().user().map(u -> u.substring(u.lastIndexOf('\\') + 1))
                            .orElse(System.getProperty("user.name")));
            assertThat(record.has("client_address")).as("client_address of %s", record).isFalse();
            assertThat(record.has("request_id")).as("request_id of %s", record).isFalse();
        }

        private long lastPosition() throws Exception {
            try (Connection connection = db.connect(); Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT COALESCE(MAX(position), 0) FROM audit_events")) {
                rows.next();
                return rows.getLong(1);
            }
        }

        private List<JsonNode> recordsAfter(long position) throws Exception {
            List<JsonNode> records = new ArrayList<>();
            try (Connection connection = db.connect(); Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT payload FROM audit_events WHERE position > "
                            + position + " ORDER BY position")) {
                while (rows.next()) {
                    records.add(new ObjectMapper().readTree(rows.getString(1)));
                }
            }
            return records;
        }
    }
}
