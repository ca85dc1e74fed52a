package dev.signet.bootstrap.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signet.adapters.persistence.db.TestDatabase;
import dev.signet.bootstrap.support.Cli;
import dev.signet.bootstrap.support.DatabaseArgs;
import dev.signet.bootstrap.support.Keks;
import dev.signet.bootstrap.support.Processes;
import dev.signet.domain.Hex;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Idempotency-Key, batch signing and the slow-body bound on real {@code signet serve} processes: on PostgreSQL a
 * retry to the same node and to a second node returns the first answer's bytes and records once; on H2 (one
 * process at a time) the same on one node; a reused key with another body is 422; a batch's every .sig verifies
 * with OpenSSL and has its own package.signed record; a client trickling its body is cut off.
 */
class IdempotencyAndBatchProcessTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private TestDatabase db;
    private final List<ServiceNode> nodes = new ArrayList<>();
    private Cli cli;
    private Map<String, String> environment;
    private String keyId;
    private String token;

    @AfterEach
    void stop() throws Exception {
        for (ServiceNode node : nodes) {
            node.close();
        }
        if (db != null) {
            db.close();
        }
    }

    @Test
    void a_retry_to_another_node_on_the_same_postgresql_gets_the_first_answer_and_records_once() throws Exception {
        db = TestDatabase.postgres();
        world();
        ServiceNode first = node("first");
        ServiceNode second = node("second");
        HttpClient http = HttpClient.newHttpClient();
        String hash = sha256("a retried plugin");
        String body = signBody(hash, "retried.so");

        HttpResponse<byte[]> answer = http.send(sign(first, "key-1", body), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(answer.statusCode()).as(new String(answer.body(), StandardCharsets.UTF_8)).isEqualTo(201);
        HttpResponse<byte[]> sameNode = http.send(sign(first, "key-1", body), HttpResponse.BodyHandlers.ofByteArray());
        HttpResponse<byte[]> otherNode = http.send(sign(second, "key-1", body), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(sameNode.statusCode()).isEqualTo(201);
        assertThat(otherNode.statusCode()).isEqualTo(201);
        assertThat(sameNode.body()).isEqualTo(answer.body());
        assertThat(otherNode.body()).isEqualTo(answer.body());
        assertThat(signedRecordsFor(hash)).as("one package.signed record for the key").isEqualTo(1);
        assertThat(storedSignaturesFor(hash)).isEqualTo(1);

        HttpResponse<String> reused = http.send(sign(second, "key-1", signBody(sha256("another plugin"), "other.so")),
                HttpResponse.BodyHandlers.ofString());
        assertThat(reused.statusCode()).as(reused.body()).isEqualTo(422);
        assertThat(JSON.readTree(reused.body()).get("title").asText()).isEqualTo("IdempotencyKeyReused");
        assertThat(signedRecordsFor(sha256("another plugin"))).isZero();

        // without a key, or with another, the same request signs again
        HttpResponse<byte[]> fresh = http.send(sign(second, "key-2", body), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(fresh.statusCode()).isEqualTo(201);
        assertThat(signedRecordsFor(hash)).isEqualTo(2);

        // concurrent duplicates on both nodes: one signs, every other answer is its bytes
        String raced = sha256("a raced plugin");
        List<java.util.concurrent.CompletableFuture<HttpResponse<byte[]>>> racing = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            racing.add(http.sendAsync(sign(i % 2 == 0 ? first : second, "race", signBody(raced, "raced.so")),
                    HttpResponse.BodyHandlers.ofByteArray()));
        }
        List<HttpResponse<byte[]>> answers = racing.stream().map(java.util.concurrent.CompletableFuture::join).toList();
        assertThat(answers).allSatisfy(each -> assertThat(each.statusCode())
                .as(new String(each.body(), StandardCharsets.UTF_8)).isEqualTo(201));
        assertThat(answers).allSatisfy(each -> assertThat(each.body()).isEqualTo(answers.get(0).body()));
        assertThat(signedRecordsFor(raced)).as("concurrent duplicates sign once").isEqualTo(1);

        batch(first, http);
        String metrics = http.send(HttpRequest.newBuilder(first.resolve("/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertThat(metrics).contains("endpoint=\"/v1/signatures/batch\"")
                // 1, the race's one if this node won it, and a batch of 5; the replays not
                .containsPattern("signet_signatures_total\\{backend=\"software\",?\\} [67]\\.0")
                .contains("signet_signatures_total{backend=\"hsm\"} 0.0")
                .containsPattern("signet_audit_queue_depth [0-9.]+");
    }

    @Test
    void a_retry_on_h2_gets_the_first_answer_and_a_reused_key_is_refused() throws Exception {
        db = TestDatabase.h2();
        world();
        ServiceNode node = node("h2");
        HttpClient http = HttpClient.newHttpClient();
        String hash = sha256("an h2 plugin");
        String body = signBody(hash, "h2.so");
        HttpResponse<byte[]> answer = http.send(sign(node, "k", body), HttpResponse.BodyHandlers.ofByteArray());
        HttpResponse<byte[]> retry = http.send(sign(node, "k", body), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(answer.statusCode()).isEqualTo(201);
        assertThat(retry.statusCode()).isEqualTo(201);
        assertThat(retry.body()).isEqualTo(answer.body());
        HttpResponse<String> reused = http.send(sign(node, "k", signBody(hash, "renamed.so")),
                HttpResponse.BodyHandlers.ofString());
        assertThat(reused.statusCode()).isEqualTo(422);
        batch(node, http);
        node.sigterm();
        assertThat(node.terminate()).isZero();
        assertThat(signedRecordsFor(hash)).isEqualTo(1);
        assertThat(storedSignaturesFor(hash)).isEqualTo(1);
    }

    @Test
    void a_client_that_trickles_its_body_is_cut_off() throws Exception {
        db = TestDatabase.postgres();
        world();
        ServiceNode node = node("slow", "--body-read-timeout", "1");
        byte[] body = signBody(sha256("slow"), "slow.so").getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket(node.url.getHost(), node.url.getPort())) {
            socket.setSoTimeout(60_000); // a bound for the test only: the server must answer long before
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v1/signatures HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            String answer = "";
            try {
                for (int i = 0; i < body.length; i++) { // one byte every 100 ms: the body takes many seconds
                    out.write(body[i]);
                    out.flush();
                    Thread.sleep(100);
                    if (socket.getInputStream().available() > 0) {
                        break;
                    }
                }
                InputStream in = socket.getInputStream();
                answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (SocketException closed) {
                answer = "closed: " + closed.getMessage();
            }
            assertThat(answer).as("the server cut the slow request off before its body was complete")
                    .matches("(?s)(HTTP/1.1 408.*|closed: .*)");
        }
    }

    private void batch(ServiceNode node, HttpClient http) throws Exception {
        List<String> hashes = new ArrayList<>();
        StringBuilder items = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            hashes.add(sha256("batch item " + i + " on " + node.url));
            items.append(i == 0 ? "" : ",").append("{\"package_hash\":\"").append(hashes.get(i))
                    .append("\",\"package_name\":\"item-").append(i).append(".so\"}");
        }
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(node.resolve("/v1/signatures/batch"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"key_id\":\"" + keyId + "\",\"signatures\":[" + items
                        + "]}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
        JsonNode signatures = JSON.readTree(answer.body()).get("signatures");
        assertThat(signatures).hasSize(5);
        HttpResponse<String> pem = http.send(HttpRequest.newBuilder(node.resolve("/v1/keys/" + keyId + "/public-key"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        Files.writeString(dir.resolve("pub.pem"), pem.body());
        for (int i = 0; i < 5; i++) {
            JsonNode sig = signatures.get(i);
            assertThat(sig.get("package_hash").asText()).isEqualTo(hashes.get(i));
            Files.write(dir.resolve("digest.bin"), Hex.decode(hashes.get(i), 32, "digest"));
            Files.write(dir.resolve("sig.bin"), Base64.getDecoder().decode(sig.get("signature").asText()));
            assertThat(Processes.ok(dir, "openssl", "pkeyutl", "-verify", "-pubin", "-inkey", "pub.pem", "-rawin",
                    "-in", "digest.bin", "-sigfile", "sig.bin")).contains("Signature Verified Successfully");
        }
        if (db.kind() == TestDatabase.Kind.POSTGRESQL) {
            for (String hash : hashes) {
                assertThat(signedRecordsFor(hash)).isEqualTo(1);
            }
        }
        StringBuilder tooMany = new StringBuilder();
        for (int i = 0; i < 101; i++) {
            tooMany.append(i == 0 ? "" : ",").append("{\"package_hash\":\"").append(hashes.get(0)).append("\"}");
        }
        HttpResponse<String> refused = http.send(HttpRequest.newBuilder(node.resolve("/v1/signatures/batch"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"key_id\":\"" + keyId + "\",\"signatures\":[" + tooMany
                        + "]}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(413);
    }

    private void world() throws Exception {
        Path kek = Keks.ownerOnly(Files.writeString(dir.resolve("kek"), Hex.encode(Keks.randomBytes())));
        environment = Map.of("SIGNET_KEY_ENCRYPTION_KEY_FILE", kek.toString());
        cli = new Cli(dir.resolve("home"), environment);
        ok("org", "create", "acme");
        keyId = ok("key", "create", "--org", "acme", "--name", "release").split(" ")[0];
        token = JSON.readTree(ok("token", "create", "--org", "acme", "--role", "signer", "--json")).get("token")
                .asText();
    }

    private ServiceNode node(String name, String... extra) throws Exception {
        List<String> all = new ArrayList<>(List.of("serve", "--listen", "127.0.0.1:0"));
        all.addAll(Arrays.asList(extra));
        String[] command = Arrays.stream(DatabaseArgs.on(db, all.toArray())).map(String::valueOf).toArray(String[]::new);
        Map<String, String> env = new HashMap<>(environment);
        env.put("SIGNET_HOME", dir.resolve("home-" + name).toString());
        ServiceNode node = ServiceNode.start(dir, name, env, command);
        nodes.add(node);
        return node;
    }

    private String ok(Object... args) {
        Cli.Result result = cli.run(DatabaseArgs.on(db, args));
        assertThat(result.exitCode()).as(result.toString()).isZero();
        return result.out().strip();
    }

    private String signBody(String hash, String name) {
        return "{\"key_id\":\"" + keyId + "\",\"package_hash\":\"" + hash + "\",\"package_name\":\"" + name + "\"}";
    }

    private HttpRequest sign(ServiceNode node, String idempotencyKey, String body) {
        return HttpRequest.newBuilder(node.resolve("/v1/signatures")).header("Authorization", "Bearer " + token)
                .header("Idempotency-Key", idempotencyKey).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static String sha256(String text) throws Exception {
        return Hex.encode(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private int signedRecordsFor(String hash) throws Exception {
        return count("SELECT COUNT(*) FROM audit_events WHERE event_type = 'package.signed' AND payload LIKE '%"
                + hash + "%'");
    }

    private int storedSignaturesFor(String hash) throws Exception {
        return count("SELECT COUNT(*) FROM package_signatures WHERE package_hash = '" + hash + "'");
    }

    private int count(String sql) throws Exception {
        try (Connection connection = db.connect(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getInt(1);
        }
    }
}
