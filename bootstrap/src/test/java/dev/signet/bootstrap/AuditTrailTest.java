package dev.signet.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signet.adapters.audit.Slf4jAuditTrail;
import dev.signet.adapters.persistence.db.OnEveryDatabase;
import dev.signet.adapters.persistence.db.TestDatabase;
import dev.signet.application.port.in.SecurityConfig;
import dev.signet.application.port.in.SignatureSource;
import dev.signet.bootstrap.support.DatabaseArgs;
import dev.signet.bootstrap.support.Cli;
import dev.signet.bootstrap.support.Keks;
import dev.signet.domain.Hex;
import dev.signet.domain.audit.AuditRecord;
import dev.signet.domain.key.KeyEncryptionKey;
import dev.signet.domain.key.SigningKey;
import dev.signet.domain.organization.OrganizationId;
import dev.signet.domain.trust.TrustedKey;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import net.logstash.logback.encoder.LogstashEncoder;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Every operation once: exactly the expected events, in the JSON log and in the durable chain, which detects tampering. */
class AuditTrailTest {
    private static final List<String> EXPECTED = List.of(
            "key.signing.created", "key.signing.create_failed", "key.exported", "key.trusted.added",
            "key.trust_acl.granted", "package.signed", "package.sign.failure", "verification.success",
            "verification.failure", "verification.success", "package.load.success", "verification.failure",
            "package.load.failure", "key.trust_acl.revoked", "key.trusted.revoked", "key.signing.revoked");

    @TempDir
    Path dir;

    @OnEveryDatabase
    void every_operation_leaves_exactly_its_events_in_the_log_and_the_chain(TestDatabase db) throws Exception {
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        OutputStreamAppender<ILoggingEvent> appender = jsonAppender(json);
        KeyEncryptionKey.InMemory kek = Keks.random();
        try (Signet signet = Signet.builder().jdbcUrl(db.url(), db.user(), db.password())
                .securityConfig(SecurityConfig.builder().keyEncryptionKey(kek).build()).build()) {
            runEveryOperationOnce(signet);

            List<JsonNode> logged = new ArrayList<>();
            for (String line : json.toString(StandardCharsets.UTF_8).split("\n")) {
                logged.add(new ObjectMapper().readTree(line));
            }
            List<AuditRecord> stored = signet.audit().list(Optional.empty(), Optional.empty());
            assertThat(logged).extracting(node -> node.path("event_type").asText()).containsExactlyElementsOf(EXPECTED);
            assertThat(stored).extracting(AuditRecord::eventType).containsExactlyElementsOf(EXPECTED);

            Iterator<JsonNode> lines = logged.iterator();
            for (AuditRecord record : stored) {
                JsonNode payload = new ObjectMapper().readTree(record.payload());
                JsonNode line = lines.next();
                payload.fieldNames().forEachRemaining(field -> assertThat(line.get(field)).as(field)
                        .isEqualTo(payload.get(field)));
                assertThat(line.path("@timestamp").asText()).isNotBlank();
            }
            assertThat(stored.get(5).payload()).contains("\"package_path\"", "\"package_hash\"", "\"key_fingerprint\"");
            assertThat(stored.get(10).payload()).contains("\"org_id\"", "\"signature_verified\":true",
                    "\"signer_fingerprint\"");
            assertThat(stored.get(12).payload()).contains("\"failure_reason\":\"tampered\"", "\"error\"");

            String everything = json.toString(StandardCharsets.UTF_8) + stored;
            byte[] kekBytes = kek.bytes();
            assertThat(everything).doesNotContain(Hex.encode(kekBytes))
                    .doesNotContain(Base64.getEncoder().encodeToString(kekBytes));
            assertThat(signet.audit().verify().isWhole()).isTrue();
        } finally {
            ((Logger) LoggerFactory.getLogger(Slf4jAuditTrail.LOGGER_NAME)).detachAppender(appender);
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
                "--json")).out().lines()).singleElement().asString().startsWith("{\"position\":6,");

        execute(db, "UPDATE audit_events SET payload = REPLACE(payload, 'tampered', 'untrusted_signer') WHERE position = 13");
        Cli.Result edited = cli.run(DatabaseArgs.on(db, "audit", "verify"));
        assertThat(edited.exitCode()).isEqualTo(1);
        assertThat(edited.err()).startsWith("AuditChainBroken: broken at record 13: record 13 was altered");

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

    private static OutputStreamAppender<ILoggingEvent> jsonAppender(ByteArrayOutputStream sink) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        LogstashEncoder encoder = new LogstashEncoder();
        encoder.setContext(context);
        encoder.start();
        OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
        appender.setContext(context);
        appender.setEncoder(encoder);
        appender.setOutputStream(sink);
        appender.start();
        Logger audit = (Logger) LoggerFactory.getLogger(Slf4jAuditTrail.LOGGER_NAME);
        audit.setLevel(ch.qos.logback.classic.Level.INFO);
        audit.addAppender(appender);
        return appender;
    }
}
