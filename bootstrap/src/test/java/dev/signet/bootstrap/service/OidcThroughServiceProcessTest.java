package dev.signet.bootstrap.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signet.adapters.persistence.db.OnEveryDatabase;
import dev.signet.adapters.persistence.db.TestDatabase;
import dev.signet.bootstrap.support.CiIdentityProvider;
import dev.signet.bootstrap.support.Cli;
import dev.signet.bootstrap.support.DatabaseArgs;
import dev.signet.bootstrap.support.Keks;
import dev.signet.domain.Hex;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.net.URI;
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
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code signet serve --identity-config} as a real process, with a CI identity provider whose JWKS this test
 * serves on 127.0.0.1 and whose tokens it mints: a workflow of the right repository signs through the service
 * (with the CLI as the client, which checks the signature before writing the .sig), one of another repository
 * gets 403, and every audit record the requests made names its OIDC actor, client address and request id.
 */
class OidcThroughServiceProcessTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @OnEveryDatabase
    void a_ci_token_with_the_right_claims_signs_and_one_of_another_repository_is_forbidden(TestDatabase db)
            throws Exception {
        Path kek = Keks.ownerOnly(Files.writeString(dir.resolve("kek"), Hex.encode(Keks.randomBytes())));
        Map<String, String> environment = new HashMap<>(Map.of("SIGNET_KEY_ENCRYPTION_KEY_FILE", kek.toString(),
                "SIGNET_HOME", dir.resolve("home").toString()));
        Cli cli = new Cli(dir.resolve("home"), environment);
        String orgId = ok(cli.run(DatabaseArgs.on(db, "org", "create", "acme"))).strip();
        String keyId = ok(cli.run(DatabaseArgs.on(db, "key", "create", "--org", "acme", "--name", "release")))
                .split(" ")[0];
        Path pem = dir.resolve("release.pem");
        ok(cli.run(DatabaseArgs.on(db, "key", "export", keyId, "--out", pem)));
        ok(cli.run(DatabaseArgs.on(db, "trust", "add", "--org", "acme", "--pem", pem)));
        long before = lastPosition(db);

        try (CiIdentityProvider ci = new CiIdentityProvider()) {
            Path identity = Files.writeString(dir.resolve("identity.json"), "{\"oidc_providers\": [{"
                    + "\"issuer\": \"" + ci.issuer() + "\", \"audience\": \"" + CiIdentityProvider.AUDIENCE + "\","
                    + " \"jwks_url\": \"" + ci.jwksUrl() + "\", \"algorithms\": [\"RS256\"], \"rules\": ["
                    + "{\"claims\": {\"repository\": \"acme/app\", \"ref\": \"refs/tags/v*\"}, \"org\": \"" + orgId
                    + "\", \"role\": \"signer\", \"keys\": [\"" + keyId + "\"]},"
                    // the verifier rule names the organization: resolved to its id when serve starts
                    + "{\"claims\": {\"repository\": \"acme/app\"}, \"org\": \"acme\", \"role\": \"verifier\"}]}]}");
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString(), "-cp", System.getProperty("java.class.path"), "dev.signet.bootstrap.cli.SignetCli"));
            for (Object arg : DatabaseArgs.on(db, "serve", "--listen", "127.0.0.1:0", "--identity-config", identity)) {
                command.add(arg.toString());
            }
            ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            builder.environment().putAll(environment);
            Process server = builder.start();
            StringBuilder output = new StringBuilder();
            try {
                URI url = awaitListening(server, output);
                Path pkg = Files.writeString(dir.resolve("plugin.so"), "the plugin's bytes");
                String release = ci.token("acme/app", "refs/tags/v1.0.0");

                Cli.Result signed = new Cli(dir.resolve("client-home"), Map.of("SIGNET_TOKEN", release))
                        .run("sign", pkg, "--server", url, "--key", keyId);
                assertThat(signed.exitCode()).as(signed + "\nserver: " + output).isZero();
                assertThat(Files.exists(dir.resolve("plugin.so.sig"))).isTrue();

                Cli.Result verified = new Cli(dir.resolve("client-home"),
                        Map.of("SIGNET_TOKEN", ci.token("acme/app", "refs/heads/main")))
                        .run("verify", pkg, "--server", url, "--org", orgId, "--json");
                assertThat(verified.exitCode()).as(verified + "\nserver: " + output).isZero();
                assertThat(JSON.readTree(verified.out()).path("signer_fingerprint").asText()).hasSize(64);
                // the service's time basis, passed on as verify --json prints it locally (no TSA here: current time)
                assertThat(JSON.readTree(verified.out()).path("time_basis").path("kind").asText()).isEqualTo("current_time");
                assertThat(JSON.readTree(verified.out()).path("time_basis").path("description").asText())
                        .isEqualTo("no trusted time: current time");
                Files.writeString(pkg, "tampered bytes");
                Cli.Result tampered = new Cli(dir.resolve("client-home"),
                        Map.of("SIGNET_TOKEN", ci.token("acme/app", "refs/heads/main")))
                        .run("verify", pkg, "--server", url, "--org", orgId);
                assertThat(tampered.exitCode()).as(tampered.toString()).isEqualTo(3);
                assertThat(tampered.errLines()).singleElement().asString().startsWith("TamperedPackage: ");

                String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                        .digest(Files.readAllBytes(pkg)));
                HttpResponse<String> evil = post(url.resolve("/v1/signatures"), ci.token("evil/app", "refs/tags/v1.0.0"),
                        "{\"key_id\": \"" + keyId + "\", \"package_hash\": \"" + hash + "\"}");
                assertThat(evil.statusCode()).as(evil.body()).isEqualTo(403);
                assertThat(evil.body()).doesNotContain(ci.token("evil/app", "refs/tags/v1.0.0").split("\\.")[2]);

                HttpResponse<String> branch = post(url.resolve("/v1/signatures"), ci.token("acme/app", "refs/heads/main"),
                        "{\"key_id\": \"" + keyId + "\", \"package_hash\": \"" + hash + "\"}");
                assertThat(branch.statusCode()).as("a branch build may verify, not sign: " + branch.body()).isEqualTo(403);

                HttpResponse<String> unsigned = post(url.resolve("/v1/signatures"),
                        "eyJhbGciOiJub25lIn0." + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                                ("{\"iss\":\"" + ci.issuer() + "\",\"sub\":\"x\",\"aud\":\"signet\"}").getBytes(StandardCharsets.UTF_8)) + ".",
                        "{\"key_id\": \"" + keyId + "\", \"package_hash\": \"" + hash + "\"}");
                assertThat(unsigned.statusCode()).as(unsigned.body()).isEqualTo(401);
            } finally {
                server.destroy(); // SIGTERM: in-flight requests finish, queued audit records are written
                if (!server.waitFor(60, TimeUnit.SECONDS)) {
                    server.destroyForcibly();
                }
            }
            assertThat(server.exitValue()).as(output.toString()).isZero();
        }

        List<JsonNode> records = recordsAfter(db, before);
        assertThat(records).as("the records of the service's requests")
                .extracting(record -> record.path("event_type").asText()).contains("package.signed");
        assertThat(records).allSatisfy(record -> {
            assertThat(record.path("actor_kind").asText()).as("actor_kind of %s", record).isEqualTo("oidc");
            assertThat(record.path("actor_id").asText()).as("actor_id of %s", record).startsWith("repo:");
            assertThat(record.path("client_address").asText()).as("client_address of %s", record).isNotBlank();
            assertThat(record.path("request_id").asText()).as("request_id of %s", record).isNotBlank();
        });
        assertThat(records).filteredOn(record -> record.path("event_type").asText().equals("package.signed"))
                .allSatisfy(record -> assertThat(record.path("actor_id").asText())
                        .isEqualTo(CiIdentityProvider.subject("acme/app", "refs/tags/v1.0.0")));
    }

    private static String ok(Cli.Result result) {
        assertThat(result.exitCode()).as(result.toString()).isZero();
        return result.out();
    }

    private static URI awaitListening(Process server, StringBuilder output) throws Exception {
        BufferedReader lines = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<URI> listening = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try {
                String line;
                while ((line = lines.readLine()) != null) {
                    synchronized (output) {
                        output.append(line).append('\n');
                    }
                    int at = line.indexOf("listening on ");
                    if (at >= 0) {
                        listening.complete(URI.create(line.substring(at + "listening on ".length()).strip()));
                    }
                }
                listening.completeExceptionally(new AssertionError("the server ended: " + output));
            } catch (Exception e) {
                listening.completeExceptionally(e);
            }
        }, "serve-output");
        reader.setDaemon(true);
        reader.start();
        return listening.get(120, TimeUnit.SECONDS);
    }

    private static HttpResponse<String> post(URI url, String bearer, String body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(url).header("Authorization", "Bearer " + bearer)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static long lastPosition(TestDatabase db) throws Exception {
        try (Connection connection = db.connect(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT COALESCE(MAX(position), 0) FROM audit_events")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static List<JsonNode> recordsAfter(TestDatabase db, long position) throws Exception {
        List<JsonNode> records = new ArrayList<>();
        try (Connection connection = db.connect(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT payload FROM audit_events WHERE position > " + position
                        + " ORDER BY position")) {
            while (rows.next()) {
                records.add(JSON.readTree(rows.getString(1)));
            }
        }
        return records;
    }
}
