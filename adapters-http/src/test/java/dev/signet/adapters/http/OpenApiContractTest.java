package dev.signet.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.signet.application.port.in.AuthenticateUseCase;
import dev.signet.application.port.in.ManageOrganizationsUseCase;
import dev.signet.application.port.in.ManageSigningKeysUseCase;
import dev.signet.application.port.in.ServicePublicKeysUseCase;
import dev.signet.application.port.in.SignDigestUseCase;
import dev.signet.application.port.in.VerifyDigestUseCase;
import dev.signet.domain.key.Ed25519PublicKey;
import dev.signet.domain.key.KeyId;
import dev.signet.domain.organization.Organization;
import dev.signet.domain.organization.OrganizationId;
import dev.signet.domain.organization.OrganizationName;
import dev.signet.domain.principal.Credential;
import dev.signet.domain.principal.Forbidden;
import dev.signet.domain.principal.Principal;
import dev.signet.domain.principal.PrincipalKind;
import dev.signet.domain.principal.Role;
import dev.signet.domain.principal.Unauthenticated;
import dev.signet.domain.signature.Ed25519Signature;
import dev.signet.domain.signature.PackageHash;
import dev.signet.domain.signature.PackageSignature;
import dev.signet.domain.verification.SignatureOrigin;
import dev.signet.domain.verification.TamperedPackage;
import dev.signet.domain.verification.VerifiedPackage;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI 3.1 document is the service's contract: every operation the server answers is in it and nothing
 * else, and every request and answer exchanged here (successes and errors) is valid against its schemas (JSON
 * Schema 2020-12), with a status and a media type the document lists for that operation. The use cases behind
 * the handler are stand-ins: this is about the HTTP surface, which the process tests in bootstrap drive for real.
 */
class OpenApiContractTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String GOOD = "signet_good";
    private static final String ADMIN = "signet_admin";
    private static final String AUDITOR = "signet_auditor";
    private static final OrganizationId ORG = OrganizationId.random();
    private static final KeyId KEY = KeyId.random();
    private static final KeyId FOREIGN = KeyId.random();
    /** A key of the principal's organization that was revoked: 403 SigningKeyRevoked. */
    private static final KeyId REVOKED = KeyId.random();
    private static final String HASH = "ab".repeat(32);
    /** A hash the stand-in's TSA refuses to timestamp (serve --tsa-url): 502 TimestampFailed. */
    private static final String UNSTAMPABLE = "ee".repeat(32);
    private static final String SIG = "{\n  \"version\": 1,\n  \"algorithm\": \"ed25519\",\n  \"package_hash\": \"" + HASH
            + "\",\n  \"key_fingerprint\": \"" + "cd".repeat(32) + "\",\n  \"signature\": \"" + "A".repeat(86)
            + "==\",\n  \"signed_at\": \"2026-12-02T05:14:16.043941+00:00\"\n}";

    private final JsonNode document;
    private final SignetHttpServer server;
    private final HttpClient client = HttpClient.newHttpClient();
    private final Set<String> exercised = new TreeSet<>();

    OpenApiContractTest() throws Exception {
        document = JSON.readTree(SignetHttpServer.openApiDocument());
        server = new SignetHttpServer(stubs(), new ServiceConfig("127.0.0.1", 0, Optional.empty()));
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void the_document_describes_exactly_the_operations_the_server_answers() {
        assertThat(document.get("openapi").asText()).startsWith("3.1.");
        Set<String> documented = new TreeSet<>();
        document.get("paths").fields().forEachRemaining(path -> path.getValue().fieldNames()
                .forEachRemaining(method -> documented.add(method.toUpperCase() + " " + path.getKey())));
        assertThat(documented).containsExactlyInAnyOrderElementsOf(ApiHandler.ENDPOINTS);
    }

    @Test
    void every_request_and_answer_of_every_operation_follows_the_document() throws Exception {
        String sign = "{\"key_id\":\"" + KEY + "\",\"package_hash\":\"" + HASH + "\",\"package_name\":\"plugin.so\"}";
        exchange("POST", "/v1/signatures", "/v1/signatures", GOOD, sign, 201);
        exchange("POST", "/v1/signatures", "/v1/signatures", null, sign, 401);
        exchange("POST", "/v1/signatures", "/v1/signatures", "signet_revoked", sign, 401);
        exchange("POST", "/v1/signatures", "/v1/signatures", GOOD,
                "{\"key_id\":\"" + FOREIGN + "\",\"package_hash\":\"" + HASH + "\"}", 403);
        assertThat(JSON.readTree(exchange("POST", "/v1/signatures", "/v1/signatures", GOOD,
                "{\"key_id\":\"" + REVOKED + "\",\"package_hash\":\"" + HASH + "\"}", 403)).get("title").asText())
                .isEqualTo("SigningKeyRevoked");
        exchange("POST", "/v1/signatures", "/v1/signatures", GOOD,
                "{\"key_id\":\"" + KEY + "\",\"package_hash\":\"" + UNSTAMPABLE + "\"}", 502);
        exchange("POST", "/v1/signatures", "/v1/signatures", GOOD, "{\"key_id\":\"" + KEY + "\"}", 400);
        exchange("POST", "/v1/signatures", "/v1/signatures", GOOD, "{\"package_hash\":\"" + HASH + "\",\"x\":1}", 400);
        exchange("POST", "/v1/signatures", "/v1/signatures", GOOD, "{\"key_id\":\"" + KEY + "\",\"package_name\":\""
                + "x".repeat(70_000) + "\",\"package_hash\":\"" + HASH + "\"}", 413);

        String item = "{\"package_hash\":\"" + HASH + "\",\"package_name\":\"plugin.so\"}";
        exchange("POST", "/v1/signatures/batch", "/v1/signatures/batch", GOOD,
                "{\"key_id\":\"" + KEY + "\",\"signatures\":[" + item + "," + item + "]}", 201);
        exchange("POST", "/v1/signatures/batch", "/v1/signatures/batch", null,
                "{\"key_id\":\"" + KEY + "\",\"signatures\":[" + item + "]}", 401);
        exchange("POST", "/v1/signatures/batch", "/v1/signatures/batch", GOOD,
                "{\"key_id\":\"" + FOREIGN + "\",\"signatures\":[" + item + "]}", 403);
        exchange("POST", "/v1/signatures/batch", "/v1/signatures/batch", GOOD,
                "{\"key_id\":\"" + KEY + "\",\"signatures\":[" + String.join(",", java.util.Collections.nCopies(101,
                        item)) + "]}", 413);
        exchange("POST", "/v1/signatures/batch", "/v1/signatures/batch", GOOD,
                "{\"key_id\":\"" + KEY + "\",\"signatures\":[]}", 400);

        String verify = "{\"org\":\"acme\",\"package_hash\":\"" + HASH + "\",\"signature\":" + SIG + "}";
        exchange("POST", "/v1/verifications", "/v1/verifications", GOOD, verify, 200);
        exchange("POST", "/v1/verifications", "/v1/verifications", GOOD,
                "{\"org\":\"acme\",\"package_hash\":\"" + "00".repeat(32) + "\"}", 422);
        exchange("POST", "/v1/verifications", "/v1/verifications", null, verify, 401);

        exchange("GET", "/v1/keys/{key_id}/public-key", "/v1/keys/" + KEY + "/public-key", GOOD, null, 200);
        exchange("GET", "/v1/keys/{key_id}/public-key", "/v1/keys/" + FOREIGN + "/public-key", GOOD, null, 403);
        exchange("GET", "/v1/keys/{key_id}/public-key", "/v1/keys/not-a-uuid/public-key", GOOD, null, 400);
        exchange("GET", "/healthz", "/healthz", null, null, 200);
        exchange("GET", "/readyz", "/readyz", null, null, 200);
        exchange("GET", "/metrics", "/metrics", null, null, 200);
        exchange("GET", "/openapi.json", "/openapi.json", null, null, 200);
        administration();

        assertThat(exercised).as("every documented operation was exercised")
                .containsExactlyInAnyOrderElementsOf(ApiHandler.ENDPOINTS);
    }

    /** The administration endpoints: an admin's successes, refusals of other roles and organizations, bad input. */
    private void administration() throws Exception {
        String org = "/v1/organizations/acme";
        exchange("GET", "/v1/organizations/{org}", org, GOOD, null, 200);
        exchange("GET", "/v1/organizations/{org}", "/v1/organizations/other", ADMIN, null, 403);
        exchange("GET", "/v1/organizations/{org}", "/v1/organizations/nowhere", ADMIN, null, 404);
        exchange("GET", "/v1/organizations/{org}", org, null, null, 401);

        exchange("GET", "/v1/organizations/{org}/keys", org + "/keys", ADMIN, null, 200);
        exchange("GET", "/v1/organizations/{org}/keys", org + "/keys", GOOD, null, 403);
        exchange("POST", "/v1/organizations/{org}/keys", org + "/keys", ADMIN, "{\"name\":\"release\"}", 201);
        assertThat(JSON.readTree(exchange("POST", "/v1/organizations/{org}/keys", org + "/keys", ADMIN,
                "{\"name\":\"release\",\"backend\":\"pkcs11\"}", 503)).get("title").asText())
                .isEqualTo("HsmNotConfigured");
        exchange("POST", "/v1/organizations/{org}/keys", "/v1/organizations/other/keys", ADMIN,
                "{\"name\":\"release\"}", 403);
        exchange("POST", "/v1/organizations/{org}/keys", org + "/keys", ADMIN, "{\"name\":\"r\",\"backend\":\"x\"}", 400);
        exchange("POST", "/v1/organizations/{org}/keys", org + "/keys", ADMIN,
                "{\"name\":\"adopted\",\"backend\":\"pkcs11\",\"pkcs11_label\":\"ops-made\"}", 201);
        exchange("POST", "/v1/organizations/{org}/keys", org + "/keys", ADMIN,
                "{\"name\":\"adopted\",\"pkcs11_label\":\"ops-made\"}", 400);
        exchange("GET", "/v1/keys/{key_id}", "/v1/keys/" + KEY, ADMIN, null, 200);
        exchange("GET", "/v1/keys/{key_id}", "/v1/keys/" + FOREIGN, ADMIN, null, 403);
        exchange("POST", "/v1/keys/{key_id}/revocation", "/v1/keys/" + KEY + "/revocation", ADMIN,
                "{\"reason\":\"retired\"}", 200);
        exchange("POST", "/v1/keys/{key_id}/revocation", "/v1/keys/" + KEY + "/revocation", ADMIN,
                "{\"effective_at\":\"yesterday\"}", 400);
        exchange("POST", "/v1/keys/{key_id}/revocation", "/v1/keys/" + FOREIGN + "/revocation", ADMIN, "{}", 403);

        String pem = "-----BEGIN PUBLIC KEY-----\\nMCowBQYDK2VwAyEA" + "A".repeat(43) + "=\\n-----END PUBLIC KEY-----\\n";
        exchange("GET", "/v1/organizations/{org}/trusted-keys", org + "/trusted-keys", ADMIN, null, 200);
        exchange("POST", "/v1/organizations/{org}/trusted-keys", org + "/trusted-keys", ADMIN,
                "{\"public_key\":\"" + pem + "\",\"label\":\"release\"}", 201);
        exchange("POST", "/v1/organizations/{org}/trusted-keys", org + "/trusted-keys", ADMIN,
                "{\"public_key\":\"not a key\"}", 400);
        exchange("POST", "/v1/organizations/{org}/trusted-keys", org + "/trusted-keys", AUDITOR,
                "{\"public_key\":\"" + "ab".repeat(32) + "\"}", 403);
        exchange("POST", "/v1/trusted-keys/{trusted_key_id}/revocation", "/v1/trusted-keys/" + KEY + "/revocation",
                ADMIN, null, 200);
        exchange("POST", "/v1/trusted-keys/{trusted_key_id}/revocation", "/v1/trusted-keys/" + FOREIGN
                + "/revocation", ADMIN, null, 403);

        exchange("GET", "/v1/organizations/{org}/grants", org + "/grants", ADMIN, null, 200);
        exchange("POST", "/v1/organizations/{org}/grants", org + "/grants", ADMIN, "{\"child\":\"other\"}", 201);
        exchange("POST", "/v1/organizations/{org}/grants", "/v1/organizations/other/grants", ADMIN,
                "{\"child\":\"acme\"}", 403);
        exchange("DELETE", "/v1/organizations/{org}/grants/{child}", org + "/grants/other", ADMIN, null, 204);
        exchange("DELETE", "/v1/organizations/{org}/grants/{child}", org + "/grants/other", GOOD, null, 403);

        exchange("GET", "/v1/organizations/{org}/tokens", org + "/tokens", ADMIN, null, 200);
        String issued = exchange("POST", "/v1/organizations/{org}/tokens", org + "/tokens", ADMIN,
                "{\"role\":\"signer\",\"keys\":[\"" + KEY + "\"],\"expires_in_seconds\":3600,\"name\":\"ci\"}", 201);
        assertThat(JSON.readTree(issued).get("token").asText()).startsWith("signet_");
        exchange("POST", "/v1/organizations/{org}/tokens", org + "/tokens", ADMIN, "{\"role\":\"auditor\"}", 403);
        exchange("POST", "/v1/organizations/{org}/tokens", org + "/tokens", ADMIN, "{\"role\":\"king\"}", 400);
        exchange("DELETE", "/v1/tokens/{token_id}", "/v1/tokens/" + KEY, ADMIN, null, 200);
        exchange("DELETE", "/v1/tokens/{token_id}", "/v1/tokens/" + FOREIGN, ADMIN, null, 403);

        exchange("GET", "/v1/audit/events", "/v1/audit/events?after=0&limit=1", AUDITOR, null, 200);
        exchange("GET", "/v1/audit/events", "/v1/audit/events", ADMIN, null, 403);
        exchange("GET", "/v1/audit/events", "/v1/audit/events?limit=5000", AUDITOR, null, 400);
        exchange("POST", "/v1/audit/verifications", "/v1/audit/verifications", AUDITOR, "{}", 200);
        exchange("POST", "/v1/audit/verifications", "/v1/audit/verifications", GOOD, null, 403);
        exchange("POST", "/v1/audit/checkpoints", "/v1/audit/checkpoints", AUDITOR, "{\"key_id\":\"" + KEY + "\"}", 201);
        exchange("POST", "/v1/audit/checkpoints", "/v1/audit/checkpoints", AUDITOR,
                "{\"key_id\":\"" + FOREIGN + "\"}", 403);
    }

    @Test
    void a_principal_over_its_rate_limit_gets_429_as_the_document_says() throws Exception {
        ServiceConfig limited = new ServiceConfig("127.0.0.1", 0, Optional.empty())
                .withRateLimit(Optional.of(new ServiceConfig.RateLimit(2, java.time.Duration.ofHours(1))));
        SignetHttpServer strict = new SignetHttpServer(stubs(), limited);
        strict.start();
        try {
            List<Integer> statuses = new ArrayList<>();
            HttpResponse<String> last = null;
            for (int i = 0; i < 3; i++) {
                last = client.send(HttpRequest.newBuilder(strict.url().resolve("/v1/keys/" + KEY + "/public-key"))
                        .header("Authorization", "Bearer " + GOOD).build(), HttpResponse.BodyHandlers.ofString());
                statuses.add(last.statusCode());
            }
            assertThat(statuses).containsExactly(200, 200, 429);
            assertThat(last.headers().firstValue("Retry-After")).hasValue("3600");
            assertThat(document.get("paths").get("/v1/keys/{key_id}/public-key").get("get").get("responses").has("429"))
                    .isTrue();
            assertValid(resolve("#/components/responses/Problem").get("content").get("application/problem+json")
                    .get("schema"), last.body(), "the 429 answer");
        } finally {
            strict.close();
        }
    }

    @Test
    void no_answer_echoes_the_credential_it_was_given() throws Exception {
        String presented = "signet_revoked";
        HttpResponse<String> answer = send("POST", "/v1/signatures", presented,
                "{\"key_id\":\"" + KEY + "\",\"package_hash\":\"" + HASH + "\"}");
        assertThat(answer.statusCode()).isEqualTo(401);
        assertThat(answer.body()).doesNotContain(presented);
        assertThat(answer.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
    }

    /** @return the answer's body */
    private String exchange(String method, String template, String path, String token, String body, int status)
            throws Exception {
        JsonNode operation = document.get("paths").get(template).get(method.toLowerCase());
        if (body != null && body.length() < 60_000) {
            JsonNode requestSchema = operation.get("requestBody").get("content").get("application/json").get("schema");
            if (status < 400) {
                assertValid(requestSchema, body, method + " " + path + " request");
            }
        }
        HttpResponse<String> answer = send(method, path, token, body);
        assertThat(answer.statusCode()).as("%s %s: %s", method, path, answer.body()).isEqualTo(status);
        JsonNode response = operation.get("responses").get(Integer.toString(status));
        assertThat(response).as("%s %s documents status %s", method, template, status).isNotNull();
        if (status == 204) {
            assertThat(answer.body()).isEmpty();
            assertThat(response.has("content")).isFalse();
            exercised.add(method + " " + template);
            return answer.body();
        }
        if (response.has("$ref")) {
            response = resolve(response.get("$ref").asText());
        }
        String contentType = answer.headers().firstValue("Content-Type").orElse("");
        String mediaType = contentType.split(";")[0].strip();
        JsonNode content = response.get("content").get(mediaType);
        assertThat(content).as("%s %s %s documents media type %s", method, template, status, mediaType).isNotNull();
        String instance = mediaType.endsWith("json") ? answer.body() : JSON.writeValueAsString(answer.body());
        assertValid(content.get("schema"), instance, method + " " + path + " " + status + " answer");
        exercised.add(method + " " + template);
        return answer.body();
    }

    private HttpResponse<String> send(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.url().resolve(path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body == null || body.length() < 60_000) {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
        // An oversized body is answered 413 on its declared length and the connection closed (RFC 9110 allows it);
        // a client still sending then may see the close before the answer. Three tries see the answer.
        IOException cutOff = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                cutOff = e;
            }
        }
        throw cutOff;
    }

    private JsonNode resolve(String ref) {
        JsonNode node = document;
        for (String part : ref.substring(2).split("/")) {
            node = node.get(part);
        }
        return node;
    }

    /** Validates against a schema of the document, its $refs resolved within the document's components. */
    private void assertValid(JsonNode schema, String instance, String what) {
        ObjectNode root = JSON.createObjectNode();
        root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        root.set("components", document.get("components"));
        root.putArray("allOf").add(schema);
        List<Error> errors = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(root.toString(), InputFormat.JSON).validate(instance, InputFormat.JSON);
        assertThat(errors).as("%s against the OpenAPI document: %s", what, instance.length() > 500
                ? instance.substring(0, 500) : instance).isEmpty();
    }

    private static ServicePorts stubs() {
        Principal signer = new Principal(PrincipalKind.TOKEN, "token-1", ORG, Role.SIGNER, Set.of());
        AuthenticateUseCase authenticate = credential -> {
            if (credential instanceof Credential.BearerToken bearer && bearer.value().equals(GOOD)) {
                return signer;
            }
            if (credential instanceof Credential.BearerToken bearer && bearer.value().equals(ADMIN)) {
                return new Principal(PrincipalKind.TOKEN, "token-admin", ORG, Role.ADMIN, Set.of());
            }
            if (credential instanceof Credential.BearerToken bearer && bearer.value().equals(AUDITOR)) {
                return new Principal(PrincipalKind.TOKEN, "token-auditor", ORG, Role.AUDITOR, Set.of());
            }
            throw new Unauthenticated("unknown token");
        };
        PackageSignature signature = new PackageSignature(PackageHash.fromHex(HASH),
                dev.signet.domain.key.KeyFingerprint.fromHex("cd".repeat(32)), new Ed25519Signature(new byte[64]),
                Instant.parse("2026-12-02T05:14:16.043941Z"));
        SignDigestUseCase sign = new SignDigestUseCase() {
            @Override
            public SignedDigest sign(Command command) {
                if (command.keyId().equals(REVOKED)) {
                    throw new dev.signet.domain.key.SigningKeyRevoked(REVOKED, Instant.parse("2026-12-02T05:00:00Z"));
                }
                if (!command.keyId().equals(KEY)) {
                    throw new Forbidden("may not sign with key " + command.keyId());
                }
                if (command.packageHash().hex().equals(UNSTAMPABLE)) {
                    throw new dev.signet.domain.time.TimestampFailed("the TSA answered status 2 (rejection)");
                }
                return new SignDigestUseCase.SignedDigest(signature, KEY, SIG.getBytes(StandardCharsets.UTF_8));
            }

            @Override
            public List<SignedDigest> signAll(BatchCommand command) {
                if (!command.keyId().equals(KEY)) {
                    throw new Forbidden("may not sign with key " + command.keyId());
                }
                return command.items().stream().map(item -> new SignDigestUseCase.SignedDigest(signature, KEY,
                        SIG.getBytes(StandardCharsets.UTF_8))).toList();
            }
        };
        VerifyDigestUseCase verify = command -> {
            if (command.signatureJson().isEmpty()) {
                throw new TamperedPackage(PackageHash.fromHex(HASH), command.packageHash());
            }
            return new VerifiedPackage(command.packageHash(), signature.keyFingerprint(), SignatureOrigin.FILE,
                    Optional.empty(), dev.signet.domain.time.TimeBasis.currentTime(java.time.Instant.now()));
        };
        ServicePublicKeysUseCase keys = (principal, keyId) -> {
            if (!keyId.equals(KEY)) {
                throw new Forbidden("key " + keyId + " belongs to another organization");
            }
            return new ManageSigningKeysUseCase.PublicKeyExport(KEY, signature.keyFingerprint(),
                    "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA" + "A".repeat(43) + "=\n-----END PUBLIC KEY-----\n");
        };
        ManageOrganizationsUseCase organizations = new ManageOrganizationsUseCase() {
            @Override
            public Organization create(OrganizationName name) {
                throw new UnsupportedOperationException();
            }

            @Override
            public List<Organization> list() {
                return List.of();
            }

            @Override
            public Organization resolve(String idOrName) {
                return new Organization(ORG, new OrganizationName(idOrName), Instant.now());
            }
        };
        AdminStubs admin = new AdminStubs(ORG, KEY, FOREIGN);
        return new ServicePorts(authenticate, sign, verify, keys, organizations, List::of, admin, admin);
    }
}
