package dev.signet.bootstrap.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signet.adapters.persistence.db.TestDatabase;
import dev.signet.bootstrap.support.Cli;
import dev.signet.bootstrap.support.DatabaseArgs;
import dev.signet.bootstrap.support.Keks;
import dev.signet.bootstrap.support.tsa.BouncyCastleTsa;
import dev.signet.domain.Hex;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service timestamps too (issue 14): {@code signet serve --tsa-url} (the flag beats SIGNET_TSA_URL) answers
 * POST /v1/signatures with a .sig whose {@code timestamp_token} verifies offline with {@code verify --public-key
 * --tsa-cert} at its trusted time; POST /v1/verifications reports that time basis, for the .sig sent and for the
 * signature stored; a TSA that refuses is a 502 TimestampFailed with no signature made or stored, and audited.
 */
class ServiceTimestampProcessTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final TestDatabase db = TestDatabase.postgres();
    private Cli cli;
    private ServiceNode node;
    private BouncyCastleTsa tsa;

    @AfterEach
    void stop() throws Exception {
        if (node != null) {
            node.close();
        }
        if (tsa != null) {
            tsa.close();
        }
        db.close();
    }

    @Test
    void serve_with_a_tsa_answers_timestamped_signatures_and_a_refusing_tsa_is_a_502_with_nothing_signed()
            throws Exception {
        Path kek = Keks.ownerOnly(Files.writeString(dir.resolve("kek"), Hex.encode(Keks.randomBytes())));
        Map<String, String> environment = Map.of("SIGNET_KEY_ENCRYPTION_KEY_FILE", kek.toString());
        cli = new Cli(dir.resolve("home"), environment);
        tsa = new BouncyCastleTsa(dir.resolve("tsa"), "Service");
        ok("org", "create", "acme");
        String keyId = ok("key", "create", "--org", "acme", "--name", "release").split(" ")[0];
        Path pem = dir.resolve("release.pem");
        ok("key", "export", keyId, "--out", pem);
        ok("trust", "add", "--org", "acme", "--pem", pem);
        ok("trust", "tsa", "add", "--org", "acme", "--pem", tsa.caCertificate(), "--label", "service-tsa");
        String signer = JSON.readTree(ok("token", "create", "--org", "acme", "--role", "signer", "--json"))
                .get("token").asText();
        String verifier = JSON.readTree(ok("token", "create", "--org", "acme", "--role", "verifier", "--json"))
                .get("token").asText();

        Map<String, String> env = new HashMap<>(environment);
        env.put("SIGNET_HOME", dir.resolve("home-node").toString());
        env.put("SIGNET_TSA_URL", "http://127.0.0.1:1/no-tsa-here"); // the flag wins over the variable
        String[] serve = java.util.Arrays.stream(DatabaseArgs.on(db, "serve", "--listen", "127.0.0.1:0",
                "--tsa-url", tsa.url())).map(String::valueOf).toArray(String[]::new);
        node = ServiceNode.start(dir, "node", env, serve);
        HttpClient http = HttpClient.newHttpClient();

        // the answered .sig carries a token that verifies offline, at its trusted time
        Path pkg = Files.writeString(dir.resolve("plugin.so"), "a plugin signed through the service");
        String hash = Hex.encode(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(pkg)));
        HttpResponse<String> signed = http.send(post("/v1/signatures", signer,
                "{\"key_id\":\"" + keyId + "\",\"package_hash\":\"" + hash + "\"}"), HttpResponse.BodyHandlers.ofString());
        assertThat(signed.statusCode()).as(signed.body()).isEqualTo(201);
        JsonNode sig = JSON.readTree(signed.body());
        assertThat(sig.path("timestamp_token").asText()).isNotEmpty();
        Files.writeString(dir.resolve("plugin.so.sig"), signed.body());
        JsonNode offline = JSON.readTree(offline("verify", pkg, "--public-key", pem, "--tsa-cert",
                tsa.caCertificate(), "--json")).get("time_basis");
        assertThat(offline.get("kind").asText()).isEqualTo("trusted_time");
        assertThat(offline("verify", pkg, "--public-key", pem, "--tsa-cert", tsa.caCertificate()))
                .contains("trusted time " + offline.get("time").asText() + " from TSA ");

        // the service says the time basis, for the .sig sent and for the signature it stored
        ObjectNode sent = JSON.createObjectNode().put("org", "acme").put("package_hash", hash);
        sent.set("signature", sig);
        JsonNode fromRequest = verified(http, verifier, sent.toString());
        assertThat(fromRequest.get("source").asText()).isEqualTo("request");
        assertThat(fromRequest.get("time_basis").get("kind").asText()).isEqualTo("trusted_time");
        assertThat(fromRequest.get("time_basis").get("time").asText()).isEqualTo(offline.get("time").asText());
        assertThat(fromRequest.get("time_basis").get("description").asText()).startsWith("trusted time ");
        JsonNode fromDatabase = verified(http, verifier, "{\"org\":\"acme\",\"package_hash\":\"" + hash + "\"}");
        assertThat(fromDatabase.get("source").asText()).isEqualTo("database");
        assertThat(fromDatabase.get("time_basis").get("kind").asText()).isEqualTo("trusted_time");
        assertThat(fromDatabase.get("time_basis").get("tsa_subject").asText())
                .isEqualTo(offline.get("tsa_subject").asText());

        // a TSA that refuses: 502 TimestampFailed, no .sig, nothing stored, the failure audited
        tsa.mode(BouncyCastleTsa.Mode.REJECT);
        String other = Hex.encode(MessageDigest.getInstance("SHA-256").digest("another plugin".getBytes(StandardCharsets.UTF_8)));
        HttpResponse<String> refused = http.send(post("/v1/signatures", signer,
                "{\"key_id\":\"" + keyId + "\",\"package_hash\":\"" + other + "\"}"), HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(502);
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = JSON.readTree(refused.body());
        assertThat(problem.get("title").asText()).isEqualTo("TimestampFailed");
        assertThat(problem.has("signature")).isFalse();
        HttpResponse<String> nothingStored = http.send(post("/v1/verifications", verifier,
                "{\"org\":\"acme\",\"package_hash\":\"" + other + "\"}"), HttpResponse.BodyHandlers.ofString());
        assertThat(nothingStored.statusCode()).isEqualTo(422);
        assertThat(JSON.readTree(nothingStored.body()).get("title").asText()).isEqualTo("SignatureNotFound");
        assertThat(node.terminate()).isZero(); // every queued record written
        assertThat(payloads("package.sign.failure")).anySatisfy(record -> {
            assertThat(record.get("package_hash").asText()).isEqualTo(other);
            assertThat(record.get("error").asText()).contains("timestamping failed");
        });
        assertThat(payloads("package.signed")).noneSatisfy(record ->
                assertThat(record.get("package_hash").asText()).isEqualTo(other));
    }

    private JsonNode verified(HttpClient http, String token, String body) throws Exception {
        HttpResponse<String> answer = http.send(post("/v1/verifications", token, body),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body());
    }

    private HttpRequest post(String path, String token, String body) {
        return HttpRequest.newBuilder(node.resolve(path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private String ok(Object... args) {
        Cli.Result result = cli.run(DatabaseArgs.on(db, args));
        assertThat(result.exitCode()).as(result.toString()).isZero();
        return result.out().strip();
    }

    private String offline(Object... args) {
        Cli.Result result = cli.run(args);
        assertThat(result.exitCode()).as(result.toString()).isZero();
        return result.out().strip();
    }

    private List<JsonNode> payloads(String eventType) throws Exception {
        List<JsonNode> records = new ArrayList<>();
        try (Connection connection = db.connect(); PreparedStatement statement = connection.prepareStatement(
                "SELECT payload FROM audit_events WHERE event_type = ? ORDER BY position")) {
            statement.setString(1, eventType);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    records.add(JSON.readTree(rows.getString(1)));
                }
            }
        }
        return records;
    }
}
