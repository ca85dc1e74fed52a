package dev.signet.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.signet.bootstrap.OfflineComponents;
import dev.signet.bootstrap.support.Cli;
import dev.signet.bootstrap.support.Keks;
import dev.signet.domain.key.Ed25519PrivateKey;
import dev.signet.domain.key.Ed25519PublicKey;
import dev.signet.domain.key.KeyFingerprint;
import dev.signet.domain.key.KeyId;
import dev.signet.domain.signature.PackageHash;
import dev.signet.domain.signature.PackageSignature;
import dev.signet.domain.signature.SignedMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI as a client, against a stand-in for the service on 127.0.0.1 that signs with a real Ed25519 key: the
 * package's hash is what travels, and the answered signature is checked against the key's public key before
 * anything is written. (The real service is driven in the service's process tests.)
 */
class SignThroughServerTest {
    private static final String TOKEN = "sgt_test_secret_value_123456";
    private final OfflineComponents crypto = new OfflineComponents();
    private final Ed25519PrivateKey key = crypto.signer().generate();
    private final Ed25519PrivateKey otherKey = crypto.signer().generate();
    private final KeyId keyId = KeyId.random();
    private final List<JsonNode> requests = new CopyOnWriteArrayList<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private volatile Ed25519PrivateKey answeringKey = key;
    private volatile boolean answerAnotherHash;
    private HttpServer server;

    @TempDir
    Path dir;

    private void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/signatures", exchange -> {
            authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            JsonNode body = new ObjectMapper().readTree(exchange.getRequestBody());
            requests.add(body);
            if (!("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                answer(exchange, 401, "application/problem+json",
                        "{\"title\":\"Unauthenticated\",\"status\":401,\"detail\":\"unknown, expired or revoked token\"}");
                return;
            }
            PackageHash hash = PackageHash.fromHex(body.path("package_hash").asText());
            if (answerAnotherHash) {
                hash = new PackageHash(new byte[32]);
            }
            PackageSignature signature = new PackageSignature(hash,
                    KeyFingerprint.of(crypto.signer().publicKeyOf(key)),
                    crypto.signer().sign(answeringKey, SignedMessage.forPackage(hash)),
                    Instant.now().truncatedTo(ChronoUnit.SECONDS));
            answer(exchange, 201, "application/json",
                    new String(crypto.signatureFiles().encode(signature), StandardCharsets.UTF_8));
        });
        server.createContext("/v1/keys/" + keyId + "/public-key", exchange -> answer(exchange, 200,
                "application/x-pem-file", crypto.publicKeys().toPem(crypto.signer().publicKeyOf(key))));
        server.start();
    }

    private static void answer(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
        crypto.close();
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private Cli.Result sign(Path pkg, Map<String, String> environment, Object... more) {
        List<Object> args = new java.util.ArrayList<>(List.of("sign", pkg, "--server", url(), "--key", keyId));
        args.addAll(List.of(more));
        return new Cli(dir.resolve("home"), environment).run(args.toArray());
    }

    @Test
    void signs_by_sending_only_the_hash_and_writes_a_sig_that_verifies_under_the_key() throws Exception {
        start();
        Path pkg = Files.writeString(dir.resolve("plugin.so"), "the package's bytes");
        Path tokenFile = Keks.ownerOnly(Files.writeString(dir.resolve("token"), TOKEN + "\n"));

        Cli.Result result = sign(pkg, Map.of(), "--token-file", tokenFile);

        assertThat(result.exitCode()).as(result.toString()).isZero();
        String hash = java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(Files.readAllBytes(pkg)));
        assertThat(requests).singleElement().satisfies(body -> {
            assertThat(body.path("package_hash").asText()).isEqualTo(hash);
            assertThat(body.path("key_id").asText()).isEqualTo(keyId.toString());
            assertThat(body.path("package_name").asText()).isEqualTo("plugin.so");
            assertThat(body.toString()).doesNotContain("the package's bytes");
        });
        assertThat(authorizations).containsExactly("Bearer " + TOKEN);
        Ed25519PublicKey publicKey = crypto.signer().publicKeyOf(key);
        PackageSignature written = crypto.signatureFiles().read(dir.resolve("plugin.so.sig"));
        assertThat(written.packageHash().hex()).isEqualTo(hash);
        assertThat(crypto.verifier().verify(publicKey, written.signedMessage(), written.signature())).isTrue();
        assertThat(result.out() + result.err()).doesNotContain(TOKEN);
    }

    @Test
    void the_token_can_come_from_signet_token() throws Exception {
        start();
        Path pkg = Files.writeString(dir.resolve("plugin.so"), "bytes");

        assertThat(sign(pkg, Map.of("SIGNET_TOKEN", TOKEN)).exitCode()).isZero();
        assertThat(Files.exists(dir.resolve("plugin.so.sig"))).isTrue();
    }

    @Test
    void a_signature_by_another_key_is_refused_and_nothing_is_written() throws Exception {
        start();
        answeringKey = otherKey;
        Path pkg = Files.writeString(dir.resolve("plugin.so"), "bytes");

        Cli.Result result = sign(pkg, Map.of("SIGNET_TOKEN", TOKEN));

        assertThat(result.exitCode()).isEqualTo(ExitCodes.INVALID_SIGNATURE);
        assertThat(result.errLines()).singleElement().asString().startsWith("InvalidSignature: ");
        assertThat(Files.exists(dir.resolve("plugin.so.sig"))).isFalse();
    }

    @Test
    void a_signature_over_another_hash_is_refused_and_nothing_is_written() throws Exception {
        start();
        answerAnotherHash = true;
        Path pkg = Files.writeString(dir.resolve("plugin.so"), "bytes");

        Cli.Result result = sign(pkg, Map.of("SIGNET_TOKEN", TOKEN));

        assertThat(result.exitCode()).isEqualTo(ExitCodes.INVALID_SIGNATURE);
        assertThat(Files.exists(dir.resolve("plugin.so.sig"))).isFalse();
    }

    @Test
    void a_refused_token_is_reported_by_the_service_s_title_without_the_token() throws Exception {
        start();
        Path pkg = Files.writeString(dir.resolve("plugin.so"), "bytes");

        Cli.Result result = sign(pkg, Map.of("SIGNET_TOKEN", "sgt_wrong_secret_987654"), "--json");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(result.errLines()).singleElement().asString().startsWith("Unauthenticated: ");
        JsonNode json = new ObjectMapper().readTree(result.out());
        assertThat(json.path("error").asText()).isEqualTo("Unauthenticated");
        assertThat(json.path("exit_code").asInt()).isEqualTo(1);
        assertThat(result.out() + result.err()).doesNotContain("sgt_wrong_secret_987654");
        assertThat(Files.exists(dir.resolve("plugin.so.sig"))).isFalse();
    }

    @Test
    void plain_http_to_another_host_is_refused_before_any_token_is_sent() throws Exception {
        Path pkg = Files.writeString(dir.resolve("plugin.so"), "bytes");

        Cli.Result result = new Cli(dir.resolve("home"), Map.of("SIGNET_TOKEN", TOKEN))
                .run("sign", pkg, "--server", "http://signet.example.com", "--key", keyId);

        assertThat(result.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(result.err()).contains("plain http only to a loopback address");
    }
}
