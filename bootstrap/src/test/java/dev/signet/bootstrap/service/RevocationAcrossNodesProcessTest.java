package dev.signet.bootstrap.service;

import static dev.signet.bootstrap.service.PostgresNodes.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signet.domain.Hex;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Revocations an operator makes with the CLI against the database two {@code signet serve} nodes share, after
 * both have served with what is revoked: a revoked signing key signs no more on the other node (403
 * SigningKeyRevoked), a revoked trusted key is untrusted there (422 UntrustedSigner) once the database's notice
 * of the change has arrived, and an expired token is refused by both nodes.
 */
class RevocationAcrossNodesProcessTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The longest a node may take to learn of a change to trust through the NOTIFY round trip. */
    private static final long NOTICE_BOUND_MILLIS = 5_000;

    @TempDir
    static Path dir;

    /** Two nodes for all three rules (each its own organization): starting JVMs is what these tests cost. */
    private static PostgresNodes cluster;
    private static ServiceNode a;
    private static ServiceNode b;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        cluster = new PostgresNodes(dir);
        a = cluster.node("a");
        b = cluster.node("b");
    }

    @AfterAll
    static void stop() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void a_key_revoked_through_one_store_is_refused_at_the_next_request_on_the_other_node() throws Exception {
        cluster.ok("org", "create", "keys");
        String revokedKey = cluster.ok("key", "create", "--org", "keys", "--name", "release").split(" ")[0];
        String otherKey = cluster.ok("key", "create", "--org", "keys", "--name", "nightly").split(" ")[0];
        String signer = token("keys", "signer");
        assertThat(sign(a, signer, revokedKey, "before").statusCode()).isEqualTo(201);
        assertThat(sign(b, signer, revokedKey, "before").statusCode()).isEqualTo(201);

        cluster.ok("key", "revoke", revokedKey, "--reason", "compromised");

        for (ServiceNode node : new ServiceNode[] {b, a}) {
            HttpResponse<String> refused = sign(node, signer, revokedKey, "after");
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
            assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(JSON.readTree(refused.body()).get("title").asText()).isEqualTo("SigningKeyRevoked");
        }
        assertThat(sign(b, signer, otherKey, "after").statusCode()).as("the organization's other key").isEqualTo(201);
        assertThat(cluster.column("SELECT payload FROM audit_events WHERE event_type = 'package.sign.failure'"
                + " AND payload LIKE ?", "%" + revokedKey + "%"))
                .as("each refusal is audited").hasSize(2)
                .allSatisfy(payload -> assertThat(payload).contains("was revoked"));
    }

    @Test
    void a_trusted_key_revoked_through_one_store_is_untrusted_on_the_other_node_once_its_notice_arrived()
            throws Exception {
        cluster.ok("org", "create", "trust");
        String keyId = cluster.ok("key", "create", "--org", "trust", "--name", "release").split(" ")[0];
        Path pem = dir.resolve("release.pem");
        cluster.ok("key", "export", keyId, "--out", pem);
        String trustedId = cluster.ok("trust", "add", "--org", "trust", "--pem", pem).lines().reduce((x, y) -> y)
                .orElseThrow().strip();
        String signer = token("trust", "signer");
        String verifier = token("trust", "verifier");
        HttpResponse<String> signed = sign(a, signer, keyId, "plugin");
        assertThat(signed.statusCode()).as(signed.body()).isEqualTo(201);
        ObjectNode verification = JSON.createObjectNode().put("org", "trust")
                .put("package_hash", hash("plugin"));
        verification.set("signature", JSON.readTree(signed.body()));
        // both nodes judge by the organization's trust, and keep it in memory from here on
        assertThat(verify(a, verifier, verification).statusCode()).isEqualTo(200);
        assertThat(verify(b, verifier, verification).statusCode()).isEqualTo(200);

        cluster.ok("trust", "revoke", trustedId);

        // B learns of the change from PostgreSQL's notice; until then, the contract allows the trust it had
        long deadline = System.nanoTime() + NOTICE_BOUND_MILLIS * 1_000_000;
        int attempts = 0;
        HttpResponse<String> judged;
        do {
            attempts++;
            judged = verify(b, verifier, verification);
        } while (judged.statusCode() == 200 && System.nanoTime() < deadline && pause());
        System.out.println("node b refused the revoked key's signature at verification " + attempts
                + " after the revocation");
        assertThat(judged.statusCode()).as("within %d ms of the revocation: %s", NOTICE_BOUND_MILLIS, judged.body())
                .isEqualTo(422);
        assertThat(JSON.readTree(judged.body()).get("title").asText()).isEqualTo("UntrustedSigner");
        HttpResponse<String> onA = verify(a, verifier, verification);
        assertThat(JSON.readTree(onA.body()).get("title").asText()).as(onA.body()).isEqualTo("UntrustedSigner");
    }

    @Test
    void a_token_past_its_expiry_is_refused_by_both_nodes() throws Exception {
        cluster.ok("org", "create", "tokens");
        String keyId = cluster.ok("key", "create", "--org", "tokens", "--name", "release").split(" ")[0];
        JsonNode created = JSON.readTree(cluster.ok("token", "create", "--org", "tokens", "--role", "signer",
                "--expires", "4s", "--json"));
        String token = created.get("token").asText();
        Instant expiresAt = Instant.parse(created.get("expires_at").asText());
        assertThat(sign(a, token, keyId, "early").statusCode()).isEqualTo(201);
        assertThat(sign(b, token, keyId, "early").statusCode()).isEqualTo(201);

        // the nodes' clocks are this machine's: past expires_at, the token is worthless everywhere
        while (!Instant.now().isAfter(expiresAt.plusMillis(50))) {
            Thread.sleep(50);
        }
        for (ServiceNode node : new ServiceNode[] {a, b}) {
            HttpResponse<String> refused = sign(node, token, keyId, "late");
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(401);
            assertThat(refused.body()).doesNotContain(token);
        }
    }

    private static String token(String org, String role) throws Exception {
        return JSON.readTree(cluster.ok("token", "create", "--org", org, "--role", role, "--json"))
                .get("token").asText();
    }

    private HttpResponse<String> sign(ServiceNode node, String token, String keyId, String content) throws Exception {
        return http.send(post(node, "/v1/signatures", token, "{\"key_id\":\"" + keyId + "\",\"package_hash\":\""
                + hash(content) + "\"}"), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> verify(ServiceNode node, String token, ObjectNode body) throws Exception {
        return http.send(post(node, "/v1/verifications", token, body.toString()), HttpResponse.BodyHandlers.ofString());
    }

    private static String hash(String content) throws Exception {
        return Hex.encode(MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8)));
    }

    /** Between two verifications that still trusted the key: a poll, not a wait for a fixed time. */
    private static boolean pause() throws InterruptedException {
        Thread.sleep(20);
        return true;
    }
}
