package dev.signet.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signet.adapters.persistence.db.OnEveryDatabase;
import dev.signet.adapters.persistence.db.TestDatabase;
import dev.signet.application.port.in.SecurityConfig;
import dev.signet.bootstrap.support.AuditStream;
import dev.signet.bootstrap.support.Keks;
import dev.signet.domain.Hex;
import dev.signet.domain.audit.AuditRecord;
import dev.signet.domain.key.SigningKey;
import dev.signet.domain.organization.OrganizationId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@code package.load.*} record carries the seed's fields, event_type, org_id, package_path, package_hash
 * (when one was computed), signer_fingerprint (when known) and signature_verified, and a failure says why (error
 * and failure_reason), and time_basis whenever the signer was judged at a time: in the durable chain and in the
 * JSON stream alike.
 */
class PackageLoadAuditFieldsTest {
    private static final Set<String> STREAM_ONLY = Set.of("@timestamp", "@version", "message", "logger_name",
            "thread_name", "level", "level_value");

    @TempDir
    Path dir;

    @OnEveryDatabase
    void a_load_and_each_kind_of_failed_load_record_the_seeds_fields_and_failures_say_why(TestDatabase db)
            throws Exception {
        try (AuditStream stream = AuditStream.attach();
             Signet signet = Signet.builder().jdbcUrl(db.url(), db.user(), db.password())
                     .securityConfig(SecurityConfig.builder().keyEncryptionKey(Keks.random()).build()).build()) {
            KeyManager keys = signet.keyManager();
            OrganizationId org = keys.createOrganization("acme").id();
            SigningKey trusted = keys.createSigningKey(org, "release");
            SigningKey stranger = keys.createSigningKey(org, "stranger");
            keys.trustPublicKeyPem(org, keys.exportPublicKey(trusted.id()).publicKeyPem(), "Release");

            Path good = signed(signet, write("good.so", "good"), trusted);
            Path tampered = signed(signet, write("tampered.so", "tampered"), trusted);
            Files.writeString(tampered, "evil");
            Path untrusted = signed(signet, write("untrusted.so", "untrusted"), stranger);
            Path unsigned = write("unsigned.so", "unsigned");
            Path malformed = write("malformed.so", "malformed");
            Files.writeString(Path.of(malformed + ".sig"), "not json");
            // a .sig that is there but cannot be read: /proc/self/mem fails its first read with EIO, for root too
            Path unreadable = write("unreadable.so", "unreadable");
            Files.createSymbolicLink(Path.of(unreadable + ".sig"), Path.of("/proc/self/mem"));

            Files.delete(signet.packageLoader().load(good, org).path());
            for (Path refused : List.of(tampered, untrusted, unsigned, malformed, unreadable)) {
                assertThat(catchThrowable(() -> signet.packageLoader().load(refused, org))).isNotNull();
            }

            List<Map<String, Object>> expected = List.of(
                    load(true, org, good, trusted.fingerprint().hex(), null),
                    load(false, org, tampered, null, "tampered"),
                    load(false, org, untrusted, stranger.fingerprint().hex(), "untrusted_signer"),
                    load(false, org, unsigned, null, "signature_not_found"),
                    load(false, org, malformed, null, "malformed_signature"),
                    load(false, org, unreadable, null, "signature_unreadable"));
            List<JsonNode> durable = signet.audit().list(Optional.empty(), Optional.empty()).stream()
                    .filter(record -> record.eventType().startsWith("package.load.")).map(AuditRecord::payload)
                    .map(PackageLoadAuditFieldsTest::parse).toList();
            List<JsonNode> streamed = stream.lines().stream()
                    .filter(line -> line.path("event_type").asText().startsWith("package.load.")).toList();
            assertThat(durable).hasSize(expected.size());
            assertThat(streamed).hasSize(expected.size());
            for (int i = 0; i < expected.size(); i++) {
                assertFields(durable.get(i), expected.get(i), Set.of());
                assertFields(streamed.get(i), expected.get(i), STREAM_ONLY);
            }
        }
    }

    /** What a load record must hold; an "error" of any non-blank text is expected exactly when it failed. */
    private static Map<String, Object> load(boolean success, OrganizationId org, Path pkg, String signer,
            String failureReason) throws Exception {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("event_type", success ? "package.load.success" : "package.load.failure");
        fields.put("org_id", org.toString());
        fields.put("package_path", pkg.toString());
        fields.put("package_hash", Hex.encode(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(pkg))));
        if (signer != null) {
            fields.put("signer_fingerprint", signer);
        }
        fields.put("signature_verified", success);
        if (!success) {
            fields.put("error", null);
            fields.put("failure_reason", failureReason);
        }
        if (success || "untrusted_signer".equals(failureReason)) {
            fields.put("time_basis", "no trusted time: current time"); // the time the signer was judged at
        }
        return fields;
    }

    private static void assertFields(JsonNode record, Map<String, Object> expected, Set<String> alsoAllowed) {
        Set<String> names = new java.util.HashSet<>();
        record.fieldNames().forEachRemaining(names::add);
        names.removeAll(alsoAllowed);
        assertThat(names).as(record.toString()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        expected.forEach((name, value) -> {
            JsonNode field = record.get(name);
            if (value == null) {
                assertThat(field.asText()).as(name).isNotBlank();
            } else if (value instanceof Boolean flag) {
                assertThat(field.isBoolean()).as(name + " is a JSON boolean in " + record).isTrue();
                assertThat(field.booleanValue()).as(name).isEqualTo(flag);
            } else {
                assertThat(field.asText()).as(name + " in " + record).isEqualTo(value);
            }
        });
    }

    private Path write(String name, String content) throws Exception {
        return Files.writeString(dir.resolve(name), content);
    }

    private static Path signed(Signet signet, Path pkg, SigningKey key) {
        var signature = signet.packageSigner().signPackageWithDbKey(pkg, key.id(), false).signature();
        signet.packageSigner().writeDetachedSignature(signature, Path.of(pkg + ".sig"));
        return pkg;
    }

    private static JsonNode parse(String json) {
        try {
            return new ObjectMapper().readTree(json);
        } catch (Exception e) {
            throw new AssertionError(json, e);
        }
    }
}
