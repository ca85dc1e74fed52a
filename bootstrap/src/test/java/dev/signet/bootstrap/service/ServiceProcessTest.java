package dev.signet.bootstrap.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signet.adapters.persistence.db.TestDatabase;
import dev.signet.bootstrap.support.Cli;
import dev.signet.bootstrap.support.DatabaseArgs;
import dev.signet.bootstrap.support.Keks;
import dev.signet.bootstrap.support.Processes;
import dev.signet.domain.Hex;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service as operators run it: {@code signet serve} processes on one PostgreSQL, one over plain HTTP on
 * loopback and one over TLS with a certificate from a CA this test makes, driven with java.net.http. The
 * signature it answers verifies with the OpenSSL CLI; a missing, unknown or revoked token is refused at once on
 * every node; a signer never signs with another organization's key; SIGTERM lets a request in flight finish.
 */
class ServiceProcessTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final TestDatabase db = TestDatabase.postgres();
    private final List<ServiceNode> nodes = new ArrayList<>();
    private Cli cli;
    private Map<String, String> environment;

    @AfterEach
    void stopNodes() throws Exception {
        for (ServiceNode node : nodes) {
            node.close();
        }
        db.close();
    }

    @Test
    void two_nodes_sign_verify_refuse_and_drain_as_the_contract_says() throws Exception {
        long start = System.nanoTime();
        World world = world();
        phase(start, "store, keys and tokens made");
        ServiceNode plain = node("plain", "--listen", "127.0.0.1:0");
        phase(start, "first node listening");
        Tls tls = tls();
        ServiceNode secure = node("tls", "--listen", "127.0.0.1:0", "--tls-cert", tls.certificate.toString(),
                "--tls-key", tls.key.toString());
        phase(start, "second node listening");
        assertThat(plain.url.getScheme()).isEqualTo("http");
        assertThat(secure.url.getScheme()).isEqualTo("https");
        HttpClient http = HttpClient.newHttpClient();
        HttpClient https = HttpClient.newBuilder().sslContext(tls.clientContext()).build();

        // sign a digest over TLS; the answer is the .sig, and OpenSSL verifies its signature with the exported key
        byte[] digest = MessageDigest.getInstance("SHA-256").digest("a workflow plugin".getBytes(StandardCharsets.UTF_8));
        String hash = Hex.encode(digest);
        HttpResponse<String> signed = https.send(post(secure, "/v1/signatures", world.signerToken,
                "{\"key_id\":\"" + world.keyId + "\",\"package_hash\":\"" + hash + "\",\"package_name\":\"plugin.so\"}"),
                HttpResponse.BodyHandlers.ofString());
        assertThat(signed.statusCode()).as(signed.body()).isEqualTo(201);
        assertThat(signed.version()).isEqualTo(HttpClient.Version.HTTP_2);
        JsonNode sig = JSON.readTree(signed.body());
        assertThat(sig.get("package_hash").asText()).isEqualTo(hash);
        HttpResponse<String> pem = https.send(get(secure, "/v1/keys/" + world.keyId + "/public-key", world.signerToken),
                HttpResponse.BodyHandlers.ofString());
        assertThat(pem.statusCode()).isEqualTo(200);
        Files.writeString(dir.resolve("pub.pem"), pem.body());
        Files.write(dir.resolve("digest.bin"), digest);
        Files.write(dir.resolve("sig.bin"), Base64.getDecoder().decode(sig.get("signature").asText()));
        assertThat(Processes.ok(dir, "openssl", "pkeyutl", "-verify", "-pubin", "-inkey", "pub.pem", "-rawin", "-in",
                "digest.bin", "-sigfile", "sig.bin")).contains("Signature Verified Successfully");
        assertThat(packageSignedRecords()).anySatisfy(record ->
                assertThat(record.get("package_name").asText()).isEqualTo("plugin.so"));

        // verify on the other node, against acme's trust; a tampered hash is a 422 named by its failure
        ObjectNode verification = JSON.createObjectNode().put("org", "acme").put("package_hash", hash);
        verification.set("signature", sig);
        HttpResponse<String> verified = http.send(post(plain, "/v1/verifications", world.verifierToken,
                verification.toString()), HttpResponse.BodyHandlers.ofString());
        assertThat(verified.statusCode()).as(verified.body()).isEqualTo(200);
        assertThat(JSON.readTree(verified.body()).get("signer_fingerprint").asText())
                .isEqualTo(sig.get("key_fingerprint").asText());
        verification.put("package_hash", Hex.encode(new byte[32]));
        HttpResponse<String> tampered = http.send(post(plain, "/v1/verifications", world.verifierToken,
                verification.toString()), HttpResponse.BodyHandlers.ofString());
        assertThat(tampered.statusCode()).isEqualTo(422);
        assertThat(tampered.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(JSON.readTree(tampered.body()).get("title").asText()).isEqualTo("TamperedPackage");

        // 401 without a token or with an unknown one, which the answer never echoes; 403 for another org's key
        String signBody = "{\"key_id\":\"" + world.keyId + "\",\"package_hash\":\"" + hash + "\"}";
        HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(plain.resolve("/v1/signatures"))
                .POST(HttpRequest.BodyPublishers.ofString(signBody)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(anonymous.body()).get("status").asInt()).isEqualTo(401);
        String forged = "signet_" + Base64.getUrlEncoder().withoutPadding().encodeToString(Keks.randomBytes());
        HttpResponse<String> unknown = http.send(post(plain, "/v1/signatures", forged, signBody),
                HttpResponse.BodyHandlers.ofString());
        assertThat(unknown.statusCode()).isEqualTo(401);
        assertThat(unknown.body()).doesNotContain(forged);
        HttpResponse<String> foreign = https.send(post(secure, "/v1/signatures", world.signerToken,
                "{\"key_id\":\"" + world.otherKeyId + "\",\"package_hash\":\"" + hash + "\"}"),
                HttpResponse.BodyHandlers.ofString());
        assertThat(foreign.statusCode()).as(foreign.body()).isEqualTo(403);

        // revoked through the CLI: both nodes refuse the token at its next request
        assertThat(cli.run(DatabaseArgs.on(db, "token", "revoke", world.signerTokenId)).exitCode()).isZero();
        assertThat(http.send(post(plain, "/v1/signatures", world.signerToken, signBody),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
        assertThat(https.send(post(secure, "/v1/signatures", world.signerToken, signBody),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);

        // no record and no log holds a token
        String everything = allRecords() + plain.stderr() + secure.stderr();
        assertThat(everything).doesNotContain(world.signerToken).doesNotContain(world.verifierToken);

        assertThat(http.send(HttpRequest.newBuilder(plain.resolve("/readyz")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        assertThat(http.send(HttpRequest.newBuilder(plain.resolve("/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body()).contains("signet_http_requests");

        phase(start, "contract checked");
        // SIGTERM while a request is in the handler: the node stops taking connections, finishes it, exits 0
        String zeros = Hex.encode(new byte[32]);
        byte[] body = ("{\"key_id\":\"" + world.keyId + "\",\"package_hash\":\"" + zeros + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket(plain.url.getHost(), plain.url.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v1/signatures HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + world.secondSignerToken
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body, 0, 10); // the request is in the handler, waiting for the rest of its body
            out.flush();
            Thread.sleep(500); // the handler is reading the body
            plain.sigterm();
            awaitRefusingNewConnections(plain);
            out.write(body, 10, body.length - 10);
            out.flush();
            InputStream in = socket.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(answer).as("the node's log: %s", log("plain")).startsWith("HTTP/1.1 201");
        }
        assertThat(plain.terminate()).as("exit code after SIGTERM; stderr: %s", plain.stderr()).isZero();
        assertThat(packageSignedRecords()).as("one record per answered signature").hasSize(2);
        phase(start, "drained and stopped");
    }

    private String log(String node) throws java.io.IOException {
        Path log = dir.resolve("home-" + node).resolve("signet.log");
        return Files.exists(log) ? Files.readString(log) : "(none)";
    }

    /** How long the steps take, in the test's output: this test must stay cheap for CI. */
    private static void phase(long start, String what) {
        System.out.printf("%6d ms: %s%n", (System.nanoTime() - start) / 1_000_000, what);
    }

    /** The node has stopped accepting (graceful stop began) while it still serves the open request. */
    private static void awaitRefusingNewConnections(ServiceNode node) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            try (Socket probe = new Socket(node.url.getHost(), node.url.getPort())) {
                Thread.sleep(50);
            } catch (ConnectException refused) {
                return;
            } catch (java.io.IOException other) {
                return;
            }
        }
        throw new AssertionError("the node still accepts connections 10 s after SIGTERM");
    }

    private World world() throws Exception {
        Path kek = Keks.ownerOnly(Files.writeString(dir.resolve("kek"), Hex.encode(Keks.randomBytes())));
        environment = Map.of("SIGNET_KEY_ENCRYPTION_KEY_FILE", kek.toString());
        cli = new Cli(dir.resolve("home"), environment);
        World world = new World();
        ok("org", "create", "acme");
        ok("org", "create", "other");
        world.keyId = ok("key", "create", "--org", "acme", "--name", "release").split(" ")[0];
        world.otherKeyId = ok("key", "create", "--org", "other", "--name", "theirs").split(" ")[0];
        Path pem = dir.resolve("release.pem");
        ok("key", "export", world.keyId, "--out", pem);
        ok("trust", "add", "--org", "acme", "--pem", pem);
        JsonNode signer = JSON.readTree(ok("token", "create", "--org", "acme", "--role", "signer", "--json"));
        world.signerToken = signer.get("token").asText();
        world.signerTokenId = signer.get("id").asText();
        world.secondSignerToken = JSON.readTree(ok("token", "create", "--org", "acme", "--role", "signer", "--json"))
                .get("token").asText();
        world.verifierToken = JSON.readTree(ok("token", "create", "--org", "acme", "--role", "verifier", "--json"))
                .get("token").asText();
        return world;
    }

    private ServiceNode node(String name, String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("serve"));
        all.addAll(Arrays.asList(args));
        String[] command = Arrays.stream(DatabaseArgs.on(db, all.toArray())).map(String::valueOf).toArray(String[]::new);
        Map<String, String> env = new java.util.HashMap<>(environment);
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

    private static HttpRequest post(ServiceNode node, String path, String token, String body) {
        return HttpRequest.newBuilder(node.resolve(path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static HttpRequest get(ServiceNode node, String path, String token) {
        return HttpRequest.newBuilder(node.resolve(path)).header("Authorization", "Bearer " + token).GET().build();
    }

    private List<JsonNode> packageSignedRecords() throws Exception {
        List<JsonNode> records = new ArrayList<>();
        for (String payload : payloads("WHERE event_type = 'package.signed'")) {
            records.add(JSON.readTree(payload));
        }
        return records;
    }

    private String allRecords() throws Exception {
        return String.join("\n", payloads(""));
    }

    private List<String> payloads(String where) throws Exception {
        List<String> payloads = new ArrayList<>();
        try (Connection connection = db.connect(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT payload FROM audit_events " + where + " ORDER BY position")) {
            while (rows.next()) {
                payloads.add(rows.getString(1));
            }
        }
        return payloads;
    }

    private Tls tls() throws Exception {
        Files.writeString(dir.resolve("server.ext"), "subjectAltName=IP:127.0.0.1,DNS:localhost\n");
        Processes.ok(dir, "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-keyout", "ca.key", "-out", "ca.pem", "-days", "1", "-subj", "/CN=Signet Test CA");
        Processes.ok(dir, "openssl", "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=localhost");
        Processes.ok(dir, "openssl", "x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key",
                "-CAcreateserial", "-out", "server.pem", "-days", "1", "-extfile", "server.ext");
        return new Tls(dir.resolve("server.pem"), dir.resolve("server.key"), dir.resolve("ca.pem"));
    }

    private record Tls(Path certificate, Path key, Path ca) {
        SSLContext clientContext() throws Exception {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("ca", CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(ca))));
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        }
    }

    private static final class World {
        String keyId;
        String otherKeyId;
        String signerToken;
        String signerTokenId;
        String secondSignerToken;
        String verifierToken;
    }
}
