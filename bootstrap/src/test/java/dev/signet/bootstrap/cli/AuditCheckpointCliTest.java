package dev.signet.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signet.adapters.crypto.soft.BouncyCastlePrivateKeySigner;
import dev.signet.adapters.persistence.db.OnEveryDatabase;
import dev.signet.adapters.persistence.db.TestDatabase;
import dev.signet.adapters.persistence.sigfile.JsonAuditCheckpointFiles;
import dev.signet.bootstrap.support.Cli;
import dev.signet.bootstrap.support.DatabaseArgs;
import dev.signet.bootstrap.support.Keks;
import dev.signet.bootstrap.support.SoftHsm;
import dev.signet.domain.Hex;
import dev.signet.domain.audit.AuditCheckpoint;
import dev.signet.domain.audit.AuditEvent;
import dev.signet.domain.audit.AuditRecord;
import dev.signet.domain.audit.SignedAuditCheckpoint;
import dev.signet.domain.key.Ed25519PrivateKey;
import dev.signet.domain.key.Ed25519PublicKey;
import dev.signet.domain.key.KeyId;
import dev.signet.domain.organization.OrganizationId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code signet audit checkpoint} and {@code signet audit verify --checkpoint}: a checkpoint kept outside the
 * database catches what a database administrator can do to the chain unseen by {@code audit verify} alone.
 */
class AuditCheckpointCliTest {
    @TempDir
    Path dir;

    @OnEveryDatabase
    void a_tail_deleted_and_the_head_set_back_after_a_checkpoint_fails_verify_naming_the_checkpointed_position(
            TestDatabase db) throws Exception {
        World world = new World(args -> DatabaseArgs.on(db, args));
        Path checkpointFile = dir.resolve("checkpoint.json");
        Cli.Result taken = world.run("audit", "checkpoint", "--audit-key", world.auditKey, "--out", checkpointFile);
        assertThat(taken.exitCode()).as(taken.toString()).isZero();
        long position = checkpointPosition(checkpointFile);
        assertThat(taken.out()).startsWith("checkpoint of audit record " + position + " ")
                .contains(world.auditKey, "wrote " + checkpointFile);
        world.succeed("key", "create", "--org", "acme", "--name", "after-the-checkpoint");
        assertThat(world.succeed("audit", "verify", "--checkpoint", checkpointFile)).startsWith("audit chain whole: ")
                .contains("records, holding the checkpoint of record " + position + " (");
        assertThat(world.run("audit", "verify", "--checkpoint", checkpointFile, "--audit-public-key", world.auditPem)
                .exitCode()).isZero();

        // the DBA deletes the last records, the checkpointed one included, and sets the head back to fit
        long keep = position - 2;
        execute(db, "DELETE FROM audit_events WHERE position > " + keep);
        execute(db, "UPDATE audit_chain_head SET last_position = " + keep + ", last_hash = '" + hashAt(db, keep) + "'");

        assertThat(world.succeed("audit", "verify")).startsWith("audit chain whole: " + keep + " records");
        for (Object[] extra : List.of(new Object[0], new Object[] {"--audit-public-key", world.auditPem})) {
            List<Object> args = new ArrayList<>(List.of("audit", "verify", "--checkpoint", checkpointFile));
            args.addAll(List.of(extra));
            Cli.Result cut = world.run(args.toArray());
            assertThat(cut.exitCode()).as(cut.toString()).isEqualTo(1);
            assertThat(cut.errLines()).singleElement().asString()
                    .startsWith("AuditChainBroken: broken at record " + position + ": record " + position
                            + ", which the checkpoint of ")
                    .contains("is missing: the chain ends at record " + keep);
            assertThat(cut.out()).isEmpty();
        }
    }

    @OnEveryDatabase
    void a_chain_rewritten_whole_after_a_checkpoint_fails_verify_at_the_checkpointed_position(TestDatabase db)
            throws Exception {
        World world = new World(args -> DatabaseArgs.on(db, args));
        Path checkpointFile = dir.resolve("checkpoint.json");
        world.succeed("audit", "checkpoint", "--audit-key", world.auditKey, "--out", checkpointFile);
        long position = checkpointPosition(checkpointFile);

        // a consistent forgery of the same length: every record, hash and the head recomputed
        long length = rewriteWholeChain(db);
        assertThat(length).isGreaterThan(position);

        assertThat(world.succeed("audit", "verify")).startsWith("audit chain whole: " + length + " records");
        Cli.Result rewritten = world.run("audit", "verify", "--checkpoint", checkpointFile);
        assertThat(rewritten.exitCode()).as(rewritten.toString()).isEqualTo(1);
        assertThat(rewritten.errLines()).singleElement().asString()
                .startsWith("AuditChainBroken: broken at record " + position + ": record " + position
                        + " is not the one the checkpoint of ")
                .contains("the chain was rewritten");
    }

    @Test
    void a_checkpoint_whose_signature_or_content_was_altered_fails_naming_its_position() throws Exception {
        World world = new World(args -> args);
        Path checkpointFile = dir.resolve("checkpoint.json");
        world.succeed("audit", "checkpoint", "--audit-key", world.auditKey, "--out", checkpointFile);
        long position = checkpointPosition(checkpointFile);
        String line = Files.readString(checkpointFile);
        String signature = new ObjectMapper().readTree(line).path("signature").asText();

        String otherSignature = (signature.charAt(0) == 'A' ? "B" : "A") + signature.substring(1);
        Cli.Result badSignature = verifyAltered(world, line.replace(signature, otherSignature), "bad-signature.json");
        assertThat(badSignature.exitCode()).as(badSignature.toString()).isEqualTo(1);
        assertThat(badSignature.errLines()).singleElement().asString()
                .isEqualTo("InvalidAuditCheckpoint: the checkpoint of record " + position + " is not valid: its "
                        + "signature does not verify against audit key " + world.auditFingerprint
                        + " (it was altered, or not made by that key)");

        Cli.Result earlierTime = verifyAltered(world, line.replaceFirst("\"time\":\"\\d{4}", "\"time\":\"2000"),
                "earlier-time.json");
        assertThat(earlierTime.exitCode()).as(earlierTime.toString()).isEqualTo(1);
        assertThat(earlierTime.err()).startsWith("InvalidAuditCheckpoint: the checkpoint of record " + position);

        Cli.Result garbled = verifyAltered(world, line.replace("\"version\":1", "\"version\":2"), "v2.json");
        assertThat(garbled.exitCode()).isEqualTo(1);
        assertThat(garbled.err()).startsWith("MalformedAuditCheckpoint: checkpoint file ").contains("version must be 1");
    }

    /**
     * Someone who can write the database can swap the audit key's stored public key for their own and sign a
     * checkpoint that fits whatever chain they left: only a public key held outside the database catches that.
     */
    @Test
    void a_checkpoint_forged_with_a_substituted_stored_key_fails_against_the_audit_public_key_kept_elsewhere()
            throws Exception {
        World world = new World(args -> args);
        BouncyCastlePrivateKeySigner signer = new BouncyCastlePrivateKeySigner();
        Path forged = dir.resolve("forged.json");
        try (Ed25519PrivateKey dbaKey = signer.generate()) {
            Ed25519PublicKey dbaPublic = signer.publicKeyOf(dbaKey);
            AuditCheckpoint head = AuditCheckpoint.of(1, Hex.encode(new byte[32]), Instant.now());
            new JsonAuditCheckpointFiles().write(forged, new SignedAuditCheckpoint(head, KeyId.parse(world.auditKey),
                    dbaPublic.fingerprint(), signer.sign(dbaKey, head.signedMessage())));
            Cli.Result replaced = world.run("audit", "verify", "--checkpoint", forged, "--audit-public-key",
                    world.auditPem);
            assertThat(replaced.exitCode()).as(replaced.toString()).isEqualTo(1);
            assertThat(replaced.errLines()).singleElement().asString()
                    .isEqualTo("InvalidAuditCheckpoint: the checkpoint of record 1 is not valid: it names audit key "
                            + "fingerprint " + dbaPublic.fingerprint() + ", but the audit public key given has "
                            + "fingerprint " + world.auditFingerprint);
        }
        Cli.Result stored = world.run("audit", "verify", "--checkpoint", forged);
        assertThat(stored.exitCode()).isEqualTo(1);
        assertThat(stored.err()).startsWith("InvalidAuditCheckpoint: the checkpoint of record 1 is not valid: it names "
                + "audit key fingerprint ").contains("but stored key " + world.auditKey + " has fingerprint "
                        + world.auditFingerprint);
    }

    @Test
    void with_no_audit_key_configured_checkpoint_fails_in_one_line_that_says_how_to_configure_one() throws Exception {
        World world = new World(args -> args);
        Path checkpointFile = dir.resolve("checkpoint.json");

        Cli.Result none = world.run("audit", "checkpoint", "--out", checkpointFile);

        assertThat(none.exitCode()).as(none.toString()).isEqualTo(1);
        assertThat(none.errLines()).singleElement().asString().startsWith("AuditKeyNotConfigured: no audit key is "
                + "configured: give --audit-key KEY_ID or set SIGNET_AUDIT_KEY").contains("signet key create");
        assertThat(checkpointFile).doesNotExist();
    }

    @Test
    void the_checkpoint_goes_into_the_chain_and_the_audit_stream_and_json_output_is_the_checkpoint_itself()
            throws Exception {
        World world = new World(args -> args, Map.of("SIGNET_AUDIT_KEY", "AUDIT_KEY"));
        String json;
        List<JsonNode> streamed;
        Path auditLog = dir.resolve("home").resolve("audit.log");
        int before = Files.readAllLines(auditLog).size();
        json = world.succeed("audit", "checkpoint", "--json").strip();
        streamed = new ArrayList<>();
        for (String line : Files.readAllLines(auditLog).subList(before, Files.readAllLines(auditLog).size())) {
            streamed.add(new ObjectMapper().readTree(line));
        }

        assertThat(json.lines()).hasSize(1);
        JsonNode checkpoint = new ObjectMapper().readTree(json);
        assertThat(checkpoint.path("version").isInt()).isTrue();
        assertThat(checkpoint.path("key_id").asText()).isEqualTo(world.auditKey);
        assertThat(checkpoint.path("key_fingerprint").asText()).isEqualTo(world.auditFingerprint);
        Path saved = Files.writeString(dir.resolve("saved.json"), json + "\n");
        assertThat(world.succeed("audit", "verify", "--checkpoint", saved)).startsWith("audit chain whole: ");

        JsonNode record = lastListed(world.succeed("audit", "list", "--type", "audit.checkpoint", "--json"));
        assertThat(record.path("position").asLong()).isEqualTo(checkpoint.path("position").asLong() + 1);
        assertThat(streamed).singleElement();
        JsonNode event = streamed.get(0);
        assertThat(event.path("event_type").asText()).isEqualTo("audit.checkpoint");
        assertThat(record.path("checkpoint_position").asText()).isEqualTo(checkpoint.path("position").asText());
        assertThat(event.path("checkpoint_position").asText()).isEqualTo(checkpoint.path("position").asText());
        for (String field : List.of("chain_hash", "time", "key_id", "key_fingerprint", "signature")) {
            assertThat(record.path(field).asText()).as(field).isEqualTo(checkpoint.path(field).asText());
            assertThat(event.path(field).asText()).as(field).isEqualTo(checkpoint.path(field).asText());
        }
    }

    @Test
    void an_hsm_audit_key_signs_checkpoints_that_verify() throws Exception {
        SoftHsm hsm = SoftHsm.require();
        Path pinFile = Keks.ownerOnly(Files.writeString(dir.resolve("pin"), hsm.pin()));
        Files.setPosixFilePermissions(pinFile, PosixFilePermissions.fromString("rw-------"));
        Cli cli = new Cli(dir.resolve("home"), Map.of("SIGNET_PKCS11_LIBRARY", hsm.library().toString(),
                "SIGNET_PKCS11_TOKEN", hsm.token(), "SIGNET_PKCS11_PIN_FILE", pinFile.toString()));
        ok(cli.run("org", "create", "audit"));
        String keyId = ok(cli.run("key", "create", "--org", "audit", "--name", "hsm-checkpoints", "--backend",
                "pkcs11")).strip().split(" ")[0];
        Path pem = dir.resolve("audit.pem");
        ok(cli.run("key", "export", keyId, "--out", pem));
        Path checkpointFile = dir.resolve("checkpoint.json");

        ok(cli.run("audit", "checkpoint", "--audit-key", keyId, "--out", checkpointFile));

        assertThat(ok(cli.run("audit", "verify", "--checkpoint", checkpointFile, "--audit-public-key", pem)))
                .contains("holding the checkpoint of record " + checkpointPosition(checkpointFile));
    }

    /** A store with an audit key (in its own organization, exported to a PEM kept aside) and a few records. */
    private final class World {
        final Cli cli;
        final UnaryOperator<Object[]> database;
        final String auditKey;
        final String auditFingerprint;
        final Path auditPem;

        World(UnaryOperator<Object[]> database) throws Exception {
            this(database, Map.of());
        }

        /** {@code environment} values "AUDIT_KEY" become the audit key's id. */
        World(UnaryOperator<Object[]> database, Map<String, String> environment) throws Exception {
            this.database = database;
            String kek = Hex.encode(Keks.randomBytes());
            Cli setup = new Cli(dir.resolve("home"), Map.of("SIGNET_KEY_ENCRYPTION_KEY", kek));
            ok(setup.run(database.apply(new Object[] {"org", "create", "audit"})));
            String[] created = ok(setup.run(database.apply(new Object[] {"key", "create", "--org", "audit", "--name",
                    "audit-checkpoints"}))).strip().split(" ");
            auditKey = created[0];
            auditFingerprint = created[1];
            auditPem = dir.resolve("audit.pem");
            ok(setup.run(database.apply(new Object[] {"key", "export", auditKey, "--out", auditPem})));
            ok(setup.run(database.apply(new Object[] {"org", "create", "acme"})));
            ok(setup.run(database.apply(new Object[] {"key", "create", "--org", "acme", "--name", "release"})));
            Map<String, String> all = new HashMap<>(Map.of("SIGNET_KEY_ENCRYPTION_KEY", kek));
            environment.forEach((name, value) -> all.put(name, value.equals("AUDIT_KEY") ? auditKey : value));
            this.cli = new Cli(dir.resolve("home"), all);
        }

        Cli.Result run(Object... args) {
            return cli.run(database.apply(args));
        }

        String succeed(Object... args) {
            return ok(run(args));
        }
    }

    private Cli.Result verifyAltered(World world, String content, String name) throws Exception {
        Path file = Files.writeString(dir.resolve(name), content);
        return world.run("audit", "verify", "--checkpoint", file);
    }

    private static String ok(Cli.Result result) {
        assertThat(result.exitCode()).as(result.toString()).isZero();
        return result.out();
    }

    /** The last record `audit list --json` printed, whether as JSON lines or as one array. */
    private static JsonNode lastListed(String output) throws Exception {
        String trimmed = output.strip();
        if (trimmed.startsWith("[")) {
            JsonNode array = new ObjectMapper().readTree(trimmed);
            return array.get(array.size() - 1);
        }
        return new ObjectMapper().readTree(trimmed.lines().reduce((first, second) -> second).orElseThrow());
    }

    private static long checkpointPosition(Path file) throws Exception {
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(1);
        return new ObjectMapper().readTree(lines.get(0)).path("position").asLong();
    }

    private static void execute(TestDatabase db, String sql) throws Exception {
        try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
            assertThat(statement.executeUpdate(sql)).as(sql).isPositive();
        }
    }

    private static String hashAt(TestDatabase db, long position) throws Exception {
        try (Connection connection = db.connect();
                PreparedStatement select = connection.prepareStatement("SELECT hash FROM audit_events WHERE position = ?")) {
            select.setLong(1, position);
            try (ResultSet row = select.executeQuery()) {
                assertThat(row.next()).isTrue();
                return row.getString(1);
            }
        }
    }

    /**
     * Replaces every record with a forged one (other events, hashes recomputed as Signet computes them) and
     * points the head at the last: what someone who can write the whole database can do.
     */
    private static long rewriteWholeChain(TestDatabase db) throws Exception {
        try (Connection connection = db.connect()) {
            long length;
            try (Statement statement = connection.createStatement();
                    ResultSet count = statement.executeQuery("SELECT COUNT(*) FROM audit_events")) {
                count.next();
                length = count.getLong(1);
            }
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.executeUpdate("DELETE FROM audit_events");
            }
            AuditRecord previous = null;
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO audit_events (position, "
                    + "event_type, occurred_at, payload, previous_hash, hash) VALUES (?, ?, ?, ?, ?, ?)")) {
                for (long i = 0; i < length; i++) {
                    previous = AuditRecord.append(previous, new AuditEvent.TrustAclGranted(OrganizationId.random(),
                            OrganizationId.random()), dev.signet.domain.audit.AuditOrigin.of(
                            dev.signet.domain.audit.Actor.osUser("intruder")), Instant.parse("2026-01-01T00:00:00Z").plusSeconds(i));
                    insert.setLong(1, previous.position());
                    insert.setString(2, previous.eventType());
                    insert.setObject(3, java.time.OffsetDateTime.ofInstant(previous.occurredAt(),
                            java.time.ZoneOffset.UTC));
                    insert.setString(4, previous.payload());
                    insert.setString(5, previous.previousHash());
                    insert.setString(6, previous.hash());
                    insert.executeUpdate();
                }
            }
            try (PreparedStatement head = connection.prepareStatement(
                    "UPDATE audit_chain_head SET last_position = ?, last_hash = ?")) {
                head.setLong(1, previous.position());
                head.setString(2, previous.hash());
                head.executeUpdate();
            }
            connection.commit();
            return length;
        }
    }
}
