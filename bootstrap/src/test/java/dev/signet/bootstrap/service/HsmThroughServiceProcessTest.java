package dev.signet.bootstrap.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signet.adapters.persistence.db.TestDatabase;
import dev.signet.bootstrap.support.Cli;
import dev.signet.bootstrap.support.DatabaseArgs;
import dev.signet.bootstrap.support.Keks;
import dev.signet.bootstrap.support.Processes;
import dev.signet.bootstrap.support.SoftHsm;
import dev.signet.domain.Hex;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code signet serve} with its keys in a SoftHSM2 token, as production runs it: a key made in the token signs
 * through the service (OpenSSL verifies the answer), /readyz asks the token, and /metrics shows the session pool
 * and the signature counted under the hsm backend.
 */
class HsmThroughServiceProcessTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final TestDatabase db = TestDatabase.h2();
    private ServiceNode node;

    @AfterEach
    void stop() throws Exception {
        if (node != null) {
            node.close();
        }
        db.close();
    }

    @Test
    void an_hsm_key_signs_through_the_service_and_readiness_and_metrics_see_the_token() throws Exception {
        SoftHsm hsm = SoftHsm.require();
        Path kek = Keks.ownerOnly(Files.writeString(dir.resolve("kek"), Hex.encode(Keks.randomBytes())));
        Map<String, String> environment = Map.of("SIGNET_KEY_ENCRYPTION_KEY_FILE", kek.toString(),
                "SIGNET_PKCS11_LIBRARY", hsm.library().toString(), "SIGNET_PKCS11_TOKEN", hsm.token(),
                "SIGNET_PKCS11_PIN", hsm.pin());
        Cli cli = new Cli(dir.resolve("home"), environment);
        ok(cli, "org", "create", "acme");
        String keyId = ok(cli, "key", "create", "--org", "acme", "--name", "in-token", "--backend", "pkcs11")
                .split(" ")[0];
        String token = JSON.readTree(ok(cli, "token", "create", "--org", "acme", "--role", "signer", "--json"))
                .get("token").asText();
        Map<String, String> serveEnvironment = new HashMap<>(environment);
        serveEnvironment.put("SIGNET_HOME", dir.resolve("home-serve").toString());
        node = ServiceNode.start(dir, "hsm", serveEnvironment, java.util.Arrays.stream(
                DatabaseArgs.on(db, "serve", "--listen", "127.0.0.1:0")).map(String::valueOf).toArray(String[]::new));
        HttpClient http = HttpClient.newHttpClient();

        HttpResponse<String> ready = http.send(HttpRequest.newBuilder(node.resolve("/readyz")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);

        byte[] digest = MessageDigest.getInstance("SHA-256").digest("an hsm plugin".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> signed = http.send(HttpRequest.newBuilder(node.resolve("/v1/signatures"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"key_id\":\"" + keyId + "\",\"package_hash\":\""
                        + Hex.encode(digest) + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(signed.statusCode()).as(signed.body()).isEqualTo(201);
        JsonNode sig = JSON.readTree(signed.body());
        HttpResponse<String> pem = http.send(HttpRequest.newBuilder(node.resolve("/v1/keys/" + keyId + "/public-key"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(pem.statusCode()).as(pem.body()).isEqualTo(200);
        Files.writeString(dir.resolve("pub.pem"), pem.body());
        Files.write(dir.resolve("digest.bin"), digest);
        Files.write(dir.resolve("sig.bin"), Base64.getDecoder().decode(sig.get("signature").asText()));
        assertThat(Processes.ok(dir, "openssl", "pkeyutl", "-verify", "-pubin", "-inkey", "pub.pem", "-rawin", "-in",
                "digest.bin", "-sigfile", "sig.bin")).contains("Signature Verified Successfully");

        String metrics = http.send(HttpRequest.newBuilder(node.resolve("/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertThat(metrics).contains("signet_hsm_sessions 2.0").contains("signet_hsm_sessions_in_use 0.0")
                .contains("signet_signatures_total{backend=\"hsm\"} 1.0")
                .contains("signet_signatures_total{backend=\"software\"} 0.0");

        node.sigterm();
        assertThat(node.terminate()).isZero();
    }

    private String ok(Cli cli, Object... args) {
        Cli.Result result = cli.run(DatabaseArgs.on(db, args));
        assertThat(result.exitCode()).as(result.toString()).isZero();
        return result.out().strip();
    }
}
