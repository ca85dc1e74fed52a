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
import dev.signet.bootstrap.support.SoftHsm;
import dev.signet.domain.Hex;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An organization administered over the network, on one {@code signet serve} process over H2: the operator makes
 * the organizations and their first admin and auditor tokens with the CLI, and everything else goes through
 * HTTP. An admin makes a software key and an HSM key (SoftHSM), adopts a pair made in the token by pkcs11-tool, and
 * makes signer tokens; the signatures verify with OpenSSL, a trusted key and a grant
 * make verification succeed, a revoked token is refused at once, an admin of another organization is refused
 * everywhere, and the auditor's listing names the token behind each change.
 */
class AdministrationProcessTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path dir;
    private static TestDatabase db;
    private static ServiceNode node;
    private static final Map<String, String> tokens = new HashMap<>();
    private static final Map<String, String> tokenIds = new HashMap<>();
    /** A key pair made in the token by another tool before the node starts, for the admin to adopt. */
    private static final String OPS_LABEL = "ops-made-" + java.util.UUID.randomUUID().toString().substring(0, 8);

    @BeforeAll
    static void start() throws Exception {
        db = TestDatabase.h2();
        Path kek = Keks.ownerOnly(Files.writeString(dir.resolve("kek"), Hex.encode(Keks.randomBytes())));
        SoftHsm hsm = SoftHsm.require();
        long begin = System.nanoTime();
        Map<String, String> cliEnvironment = Map.of("SIGNET_KEY_ENCRYPTION_KEY_FILE", kek.toString(),
                "SIGNET_HOME", dir.resolve("home").toString());
        Map<String, String> environment = new HashMap<>(cliEnvironment);
        environment.putAll(Map.of("SIGNET_PKCS11_LIBRARY", hsm.library().toString(), "SIGNET_PKCS11_TOKEN", hsm.token(),
                "SIGNET_PKCS11_PIN", hsm.pin()));
        Cli cli = new Cli(dir.resolve("home"), cliEnvironment); // the operator's setup needs no HSM
        Processes.ok(dir, "pkcs11-tool", "--module", hsm.library().toString(), "--token-label", hsm.token(), "--login",
                "--pin", hsm.pin(), "--keypairgen", "--key-type", "EC:edwards25519", "--label", OPS_LABEL, "--id",
                Hex.encode(OPS_LABEL.substring(9).getBytes(StandardCharsets.US_ASCII)));
        ok(cli, "org", "create", "acme");
        ok(cli, "org", "create", "beta");
        for (String[] token : new String[][] {{"acme-admin", "acme", "admin"}, {"beta-admin", "beta", "admin"},
                {"auditor", "acme", "auditor"}}) {
            JsonNode issued = JSON.readTree(ok(cli, "token", "create", "--org", token[1], "--role", token[2], "--json"));
            tokens.put(token[0], issued.get("token").asText());
            tokenIds.put(token[0], issued.get("id").asText());
        }
        List<String> args = new ArrayList<>();
        for (Object arg : DatabaseArgs.on(db, "serve", "--listen", "127.0.0.1:0")) {
            args.add(arg.toString());
        }
        System.out.printf("%6d ms: organizations and first tokens made with the CLI%n", (System.nanoTime() - begin) / 1_000_000);
        node = ServiceNode.start(dir, "admin", environment, args.toArray(String[]::new));
        System.out.printf("%6d ms: node listening%n", (System.nanoTime() - begin) / 1_000_000);
    }

    @AfterAll
    static void stop() throws Exception {
        if (node != null) {
            node.close();
        }
        db.close();
    }

    @Test
    void an_admin_runs_its_organization_over_http_and_the_audit_trail_names_who_did_what() throws Exception {
        long start = System.nanoTime();
        // an admin makes a key and a signer token scoped to it; the signer signs; OpenSSL verifies the signature
        JsonNode key = json(call("POST", "/v1/organizations/acme/keys", "acme-admin", "{\"name\":\"release\"}"), 201);
        String keyId = key.get("id").asText();
        assertThat(key.get("backend").asText()).isEqualTo("software");
        JsonNode signer = json(call("POST", "/v1/organizations/acme/tokens", "acme-admin",
                "{\"role\":\"signer\",\"keys\":[\"" + keyId + "\"],\"name\":\"ci\"}"), 201);
        tokens.put("signer", signer.get("token").asText());
        tokenIds.put("signer", signer.get("id").asText());
        tokens.put("verifier", json(call("POST", "/v1/organizations/acme/tokens", "acme-admin",
                "{\"role\":\"verifier\"}"), 201).get("token").asText());
        byte[] digest = sha256("a plugin");
        JsonNode sig = json(call("POST", "/v1/signatures", "signer",
                "{\"key_id\":\"" + keyId + "\",\"package_hash\":\"" + Hex.encode(digest) + "\"}"), 201);
        HttpResponse<String> pem = call("GET", "/v1/keys/" + keyId + "/public-key", "signer", null);
        assertThat(pem.statusCode()).isEqualTo(200);
        Files.writeString(dir.resolve("release.pem"), pem.body());
        Files.write(dir.resolve("digest.bin"), digest);
        Files.write(dir.resolve("sig.bin"), Base64.getDecoder().decode(sig.get("signature").asText()));
        assertThat(Processes.ok(dir, "openssl", "pkeyutl", "-verify", "-pubin", "-inkey", "release.pem", "-rawin",
                "-in", "digest.bin", "-sigfile", "sig.bin")).contains("Signature Verified Successfully");
        assertThat(tokensListed("acme-admin")).doesNotContain(tokens.get("signer")).contains(tokenIds.get("signer"))
                .doesNotContain("hash");

        // untrusted until the admin trusts the PEM over HTTP
        assertThat(verify("acme", Hex.encode(digest), sig).statusCode()).isEqualTo(422);
        ObjectNode trust = JSON.createObjectNode().put("public_key", pem.body()).put("label", "release");
        String trustedId = json(call("POST", "/v1/organizations/acme/trusted-keys", "acme-admin", trust.toString()),
                201).get("id").asText();
        assertThat(json(verify("acme", Hex.encode(digest), sig), 200).get("signer_fingerprint").asText())
                .isEqualTo(key.get("fingerprint").asText());

        // beta signs and trusts its own key; acme accepts beta's signature only while it grants beta its trust
        JsonNode betaKeyJson = json(call("POST", "/v1/organizations/beta/keys", "beta-admin",
                "{\"name\":\"beta-" + java.util.UUID.randomUUID() + "\",\"backend\":\"pkcs11\"}"), 201);
        assertThat(betaKeyJson.get("backend").asText()).isEqualTo("pkcs11");
        String betaKey = betaKeyJson.get("id").asText();
        tokens.put("beta-signer", json(call("POST", "/v1/organizations/beta/tokens", "beta-admin",
                "{\"role\":\"signer\"}"), 201).get("token").asText());
        byte[] betaDigest = sha256("beta's plugin");
        JsonNode betaSig = json(call("POST", "/v1/signatures", "beta-signer",
                "{\"key_id\":\"" + betaKey + "\",\"package_hash\":\"" + Hex.encode(betaDigest) + "\"}"), 201);
        String betaPem = call("GET", "/v1/keys/" + betaKey + "/public-key", "beta-signer", null).body();
        Files.writeString(dir.resolve("beta.pem"), betaPem);
        Files.write(dir.resolve("beta-digest.bin"), betaDigest);
        Files.write(dir.resolve("beta-sig.bin"), Base64.getDecoder().decode(betaSig.get("signature").asText()));
        assertThat(Processes.ok(dir, "openssl", "pkeyutl", "-verify", "-pubin", "-inkey", "beta.pem", "-rawin",
                "-in", "beta-digest.bin", "-sigfile", "beta-sig.bin")).contains("Signature Verified Successfully");
        json(call("POST", "/v1/organizations/beta/trusted-keys", "beta-admin",
                JSON.createObjectNode().put("public_key", betaPem).toString()), 201);
        assertThat(verify("acme", Hex.encode(betaDigest), betaSig).statusCode()).isEqualTo(422);
        JsonNode grant = json(call("POST", "/v1/organizations/acme/grants", "acme-admin", "{\"child\":\"beta\"}"), 201);
        assertThat(verify("acme", Hex.encode(betaDigest), betaSig).statusCode()).isEqualTo(200);
        assertThat(json(call("GET", "/v1/organizations/acme/grants", "acme-admin", null), 200).get("grants"))
                .anySatisfy(g -> assertThat(g.get("child").asText()).isEqualTo(grant.get("child").asText()));
        assertThat(call("DELETE", "/v1/organizations/acme/grants/beta", "acme-admin", null).statusCode()).isEqualTo(204);
        assertThat(verify("acme", Hex.encode(betaDigest), betaSig).statusCode()).isEqualTo(422);

        // an admin of beta is refused everything of acme's; a signer administers nothing
        String acmeOrg = "/v1/organizations/acme";
        List<String[]> foreign = List.of(new String[] {"GET", acmeOrg, null},
                new String[] {"GET", acmeOrg + "/keys", null}, new String[] {"POST", acmeOrg + "/keys", "{\"name\":\"x\"}"},
                new String[] {"GET", "/v1/keys/" + keyId, null}, new String[] {"POST", "/v1/keys/" + keyId + "/revocation", "{}"},
                new String[] {"GET", acmeOrg + "/trusted-keys", null},
                new String[] {"POST", acmeOrg + "/trusted-keys", trust.toString()},
                new String[] {"POST", "/v1/trusted-keys/" + trustedId + "/revocation", "{}"},
                new String[] {"GET", acmeOrg + "/grants", null}, new String[] {"POST", acmeOrg + "/grants", "{\"child\":\"beta\"}"},
                new String[] {"DELETE", acmeOrg + "/grants/beta", null}, new String[] {"GET", acmeOrg + "/tokens", null},
                new String[] {"POST", acmeOrg + "/tokens", "{\"role\":\"admin\"}"},
                new String[] {"DELETE", "/v1/tokens/" + tokenIds.get("signer"), null},
                new String[] {"GET", "/v1/audit/events", null}, new String[] {"POST", "/v1/audit/verifications", null});
        for (String[] request : foreign) {
            HttpResponse<String> refused = call(request[0], request[1], "beta-admin", request[2]);
            assertThat(refused.statusCode()).as("%s %s: %s", request[0], request[1], refused.body()).isEqualTo(403);
            assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        }
        assertThat(call("GET", acmeOrg + "/keys", "signer", null).statusCode()).isEqualTo(403);
        assertThat(call("POST", acmeOrg + "/tokens", "acme-admin", "{\"role\":\"auditor\"}").statusCode()).isEqualTo(403);

        // revoked over HTTP: the signer token is refused at its next request
        assertThat(json(call("DELETE", "/v1/tokens/" + tokenIds.get("signer"), "acme-admin", null), 200)
                .has("revoked_at")).isTrue();
        assertThat(call("POST", "/v1/signatures", "signer", "{\"key_id\":\"" + keyId + "\",\"package_hash\":\""
                + Hex.encode(sha256("after")) + "\"}").statusCode()).isEqualTo(401);

        // the auditor: the chain is whole, a checkpoint is taken, and each change names the admin token behind it
        JsonNode verdict = json(call("POST", "/v1/audit/verifications", "auditor", null), 200);
        assertThat(verdict.get("whole").asBoolean()).isTrue();
        JsonNode checkpoint = json(call("POST", "/v1/audit/checkpoints", "auditor", "{\"key_id\":\"" + keyId + "\"}"), 201);
        assertThat(checkpoint.get("version").asInt()).isEqualTo(1);
        List<JsonNode> events = new ArrayList<>();
        long after = 0;
        while (true) { // pages of 5, to walk the paging
            JsonNode page = json(call("GET", "/v1/audit/events?limit=5&after=" + after, "auditor", null), 200);
            page.get("events").forEach(events::add);
            if (!page.has("next_after")) {
                break;
            }
            after = page.get("next_after").asLong();
        }
        assertThat(events).extracting(e -> e.get("position").asLong()).doesNotHaveDuplicates().isSorted();
        assertActor(events, "key.signing.created", "acme-admin", "beta-admin");
        assertActor(events, "token.created", "acme-admin", "beta-admin");
        assertActor(events, "key.trusted.added", "acme-admin", "beta-admin");
        assertActor(events, "key.trust_acl.granted", "acme-admin");
        assertActor(events, "key.trust_acl.revoked", "acme-admin");
        assertActor(events, "token.revoked", "acme-admin");
        assertThat(events).filteredOn(e -> e.get("event_type").asText().equals("audit.checkpoint"))
                .singleElement().satisfies(e -> assertThat(e.get("payload").get("actor_id").asText())
                        .isEqualTo(tokenIds.get("auditor")));

        // the admin retires the key: it signs no more
        assertThat(json(call("POST", "/v1/keys/" + keyId + "/revocation", "acme-admin", "{\"reason\":\"retired\"}"), 200)
                .get("revocation_reason").asText()).isEqualTo("retired");
        tokens.put("signer2", json(call("POST", "/v1/organizations/acme/tokens", "acme-admin", "{\"role\":\"signer\"}"),
                201).get("token").asText());
        assertThat(call("POST", "/v1/signatures", "signer2", "{\"key_id\":\"" + keyId + "\",\"package_hash\":\""
                + Hex.encode(sha256("late")) + "\"}").statusCode()).isEqualTo(403);

        // a pair made in the token by another tool, adopted over HTTP, signs
        JsonNode adopted = json(call("POST", "/v1/organizations/acme/keys", "acme-admin", "{\"name\":\"adopted\","
                + "\"backend\":\"pkcs11\",\"pkcs11_label\":\"" + OPS_LABEL + "\"}"), 201);
        assertThat(adopted.get("backend").asText()).isEqualTo("pkcs11");
        JsonNode adoptedSig = json(call("POST", "/v1/signatures", "signer2", "{\"key_id\":\"" + adopted.get("id").asText()
                + "\",\"package_hash\":\"" + Hex.encode(sha256("adopted")) + "\"}"), 201);
        assertThat(adoptedSig.get("key_fingerprint").asText()).isEqualTo(adopted.get("fingerprint").asText());

        // operations see the token: ready, its session pool, and the signatures counted by backend (beta's and the
        // adopted key's in the token, the release key's in software)
        HttpResponse<String> ready = call("GET", "/readyz", "auditor", null);
        assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
        assertThat(call("GET", "/metrics", "auditor", null).body()).contains("signet_hsm_sessions 2.0")
                .contains("signet_hsm_sessions_in_use 0.0").contains("signet_signatures_total{backend=\"hsm\"} 2.0")
                .contains("signet_signatures_total{backend=\"software\"} 1.0");

        String everything = String.join("\n", events.stream().map(JsonNode::toString).toList()) + node.stderr();
        tokens.values().forEach(secret -> assertThat(everything).doesNotContain(secret));
        System.out.printf("%6d ms: administration over HTTP checked%n", (System.nanoTime() - start) / 1_000_000);
    }

    /**
     * Every record of this type is the operator's setup through the CLI (actor the OS user, no request) or was made
     * over HTTP by one of these tokens, each of which made one at least.
     */
    private static void assertActor(List<JsonNode> events, String type, String... by) {
        List<String> ids = java.util.Arrays.stream(by).map(tokenIds::get).toList();
        List<JsonNode> ofType = events.stream().filter(e -> e.get("event_type").asText().equals(type)).toList();
        assertThat(ofType).as(type).isNotEmpty().allSatisfy(e -> {
            JsonNode payload = e.get("payload");
            if (payload.get("actor_kind").asText().equals("os_user")) {
                assertThat(payload.has("request_id")).isFalse();
            } else {
                assertThat(payload.get("actor_kind").asText()).isEqualTo("token");
                assertThat(payload.get("actor_id").asText()).isIn(ids);
                assertThat(payload.get("client_address").asText()).isEqualTo("127.0.0.1");
                assertThat(payload.has("request_id")).isTrue();
            }
        });
        assertThat(ofType).extracting(e -> e.get("payload").get("actor_id").asText()).containsAll(ids);
    }

    private static String tokensListed(String as) throws Exception {
        return json(call("GET", "/v1/organizations/acme/tokens", as, null), 200).toString();
    }

    private static HttpResponse<String> verify(String org, String hash, JsonNode sig) throws Exception {
        ObjectNode body = JSON.createObjectNode().put("org", org).put("package_hash", hash);
        body.set("signature", sig);
        return call("POST", "/v1/verifications", "verifier", body.toString());
    }

    private static HttpResponse<String> call(String method, String path, String as, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(node.resolve(path))
                .header("Authorization", "Bearer " + tokens.get(as)).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> answer, int status) throws Exception {
        assertThat(answer.statusCode()).as("%s %s: %s", answer.request().method(), answer.request().uri(),
                answer.body()).isEqualTo(status);
        return JSON.readTree(answer.body());
    }

    private static byte[] sha256(String text) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String ok(Cli cli, Object... args) {
        Cli.Result result = cli.run(DatabaseArgs.on(db, args));
        assertThat(result.exitCode()).as(result.toString()).isZero();
        return result.out().strip();
    }
}
