package dev.signet.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signet.adapters.persistence.db.OnEveryDatabase;
import dev.signet.adapters.persistence.db.TestDatabase;
import dev.signet.application.port.in.SecurityConfig;
import dev.signet.application.port.in.SignatureSource;
import dev.signet.bootstrap.support.AuditStream;
import dev.signet.bootstrap.support.DatabaseArgs;
import dev.signet.bootstrap.support.Cli;
import dev.signet.bootstrap.support.Keks;
import dev.signet.domain.Hex;
import dev.signet.domain.audit.AuditRecord;
import dev.signet.domain.key.KeyEncryptionKey;
import dev.signet.domain.key.SigningKey;
import dev.signet.domain.organization.OrganizationId;
import dev.signet.domain.trust.TrustedKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.io.TempDir;

/** Every operation once: exactly the expected events, in the JSON log and in the durable chain, which detects tampering. */
class AuditTrailTest {
    private static final List<String> EXPECTED = List.of("organization.created", "organization.created",
            "key.signing.created", "key.signing.create_failed", "key.exported", "key.trusted.added",
            "key.trust_acl.granted", "package.signed", "package.sign.failure", "verification.success",
            "verification.failure", "verification.success", "package.load.success", "verification.failure",
            "package.load.failure", "key.trust_acl.revoked", "key.trusted.revoked", "key.signing.revoked");
    private static final Set<String> WRITTEN_BEHIND = Set.of("verification.success", "verification.failure",
            "package.load.success", "package.load.failure");

    private static AuditRecord first(List<AuditRecord> records, String eventType) {
        return records.stream().filter(record -> record.eventType().equals(eventType)).findFirst().orElseThrow();
    }

    @TempDir
    Path dir;

    @OnEveryDatabase
    void every_operation_leaves_exactly_its_events_in_the_log_and_the_chain(TestDatabase db) throws Exception {
        KeyEncryptionKey.InMemory kek = Keks.random();
        try (AuditStream json = AuditStream.attach();
             Signet signet = Signet.builder().jdbcUrl(db.url(), db.user(), db.password())
                .securityConfig(SecurityConfig.builder().keyEncryptionKey(kek).build()).build()) {
            runEveryOperationOnce(signet);

            List<JsonNode> logged = json.lines();
            List<AuditRecord> stored = signet.audit().list(Optional.empty(), Optional.empty());
            assertThat(logged).extracting(node -> node.path("event_type").asText()).containsExactlyElementsOf(EXPECTED);
            // Records of changes are in the chain in the order of the operations; records of verifications and
            // loads are written behind (decision 0005), in their own order, so the two interleave differently.
            assertThat(stored).extracting(AuditRecord::eventType).containsExactlyInAnyOrderElementsOf(EXPECTED);
            for (boolean writtenBehind : List.of(true, false)) {
                List<AuditRecord> records = stored.stream()
                        .filter(record -> WRITTEN_BEHIND.contains(record.eventType()) == writtenBehind).toList();
                List<JsonNode> lines = logged.stream()
                        .filter(line -> WRITTEN_BEHIND.contains(line.path("event_type").asText()) == writtenBehind)
                        .toList();
                assertThat(records).extracting(AuditRecord::eventType)
                        .containsExactlyElementsOf(lines.stream().map(line -> line.path("event_type").asText()).toList());
                for (int i = 0; i < records.size(); i++) {
                    JsonNode payload = new ObjectMapper().readTree(records.get(i).payload());
                    JsonNode line = lines.get(i);
                    payload.fieldNames().forEachRemaining(field -> assertThat(line.get(field)).as(field)
                            .isEqualTo(payload.get(field)));
                    assertThat(line.path("@timestamp").asText()).isNotBlank();
                }
            }
            assertThat(first(stored, "package.signed").payload())
                    .contains("\"package_path\"", "\"package_hash\"", "\"key_fingerprint\"");
            assertThat(first(stored, "package.load.success").payload()).contains("\"org_id\"",
                    "\"signature_verified\":true", "\"signer_fingerprint\"");
            assertThat(first(stored, "package.load.failure").payload())
                    .contains("\"failure_reason\":\"tampered\"", "\"error\"");

            String everything = json.text() + stored;
            byte[] kekBytes = kek.bytes();
            assertThat(everything).doesNotContain(Hex.encode(kekBytes))
                    .doesNotContain(Base64.getEncoder().encodeToString(kekBytes));
            assertThat(signet.audit().verify().isWhole()).isTrue();
        }
    }

    @OnEveryDatabase
    void deleting_or_editing_one_audit_row_makes_audit_verify_fail_and_name_it(TestDatabase db) throws Exception {
        try (Signet signet = Signet.builder().jdbcUrl(db.url(), db.user(), db.password())
                .securityConfig(SecurityConfig.builder().keyEncryptionKey(Keks.random()).build()).build()) {
            runEveryOperationOnce(signet);
        }
        Cli cli = new Cli(dir.resolve("home"));
        assertThat(cli.run(DatabaseArgs.on(db, "audit", "verify")).exitCode()).isZero();
        assertThat(cli.run(DatabaseArgs.on(db, "audit", "list", "--type", "package.signed",
                "--json")).out().lines()).singleElement().asString().startsWith("[{\"position\":8,");
        String loadFailure = cli.run(DatabaseArgs.on(db, "audit", "list", "--type", "package.load.failure", "--json"))
                .out().lines().findFirst().orElseThrow();
        long tampered = new ObjectMapper().readTree(loadFailure).path(0).path("position").asLong();
        assertThat(tampered).isGreaterThan(4);

        execute(db, "UPDATE audit_events SET payload = REPLACE(payload, 'tampered', 'untrusted_signer') WHERE position = "
                + tampered);
        Cli.Result edited = cli.run(DatabaseArgs.on(db, "audit", "verify"));
        assertThat(edited.exitCode()).isEqualTo(1);
        assertThat(edited.err()).startsWith("AuditChainBroken: broken at record " + tampered + ": record " + tampered
                + " was altered");

        execute(db, "DELETE FROM audit_events WHERE position = 4");
        Cli.Result deleted = cli.run(DatabaseArgs.on(db, "audit", "verify"));
        assertThat(deleted.exitCode()).isEqualTo(1);
        assertThat(deleted.err()).startsWith("AuditChainBroken: broken at record 4: record 4 is missing");
    }

    private void runEveryOperationOnce(Signet signet) throws Exception {
        KeyManager keys = signet.keyManager();
        OrganizationId org = keys.createOrganization("acme").id();
        OrganizationId child = keys.createOrganization("acme-child").id();
        SigningKey key = keys.createSigningKey(org, "release");
        assertThat(catchThrowable(() -> keys.createSigningKey(org, "release"))).isNotNull();
        String pem = keys.exportPublicKey(key.id()).publicKeyPem();
        TrustedKey trusted = keys.trustPublicKeyPem(org, pem, "Release");
        keys.grantTrust(org, child);
        Path pkg = Files.writeString(dir.resolve("p.so"), "p");
        var signature = signet.packageSigner().signPackageWithDbKey(pkg, key.id(), true).signature();
        signet.packageSigner().writeDetachedSignature(signature, dir.resolve("p.so.sig"));
        assertThat(catchThrowable(() -> signet.packageSigner().signPackageWithDbKey(dir.resolve("absent.so"), key.id(),
                true))).isNotNull();
        signet.verifier().verifyPackage(pkg, org, SignatureSource.AUTO);
        assertThat(catchThrowable(() -> signet.verifier().verifyPackage(pkg, child, SignatureSource.AUTO))).isNotNull();
        Files.delete(signet.packageLoader().load(pkg, org).path());
        Files.writeString(pkg, "tampered");
        assertThat(catchThrowable(() -> signet.packageLoader().load(pkg, org))).isNotNull();
        keys.revokeTrust(org, child);
        keys.revokeTrustedKey(trusted.id());
        keys.revokeSigningKey(key.id());
    }

    private static void execute(TestDatabase db, String sql) throws Exception {
        try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
            assertThat(statement.executeUpdate(sql)).isEqualTo(1);
        }
    }
}
