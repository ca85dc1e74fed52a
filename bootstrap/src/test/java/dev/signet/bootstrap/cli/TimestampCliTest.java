package dev.signet.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signet.bootstrap.support.Cli;
import dev.signet.bootstrap.support.Processes;
import dev.signet.bootstrap.support.Workspace;
import dev.signet.bootstrap.support.tsa.BouncyCastleTsa;
import dev.signet.bootstrap.support.tsa.OpenSslTsa;
import dev.signet.bootstrap.support.tsa.TestTsa;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * RFC 3161 timestamps in the .sig (issue 14), against two independent TSAs: one built on Bouncy Castle and
 * {@code openssl ts -reply}, both on 127.0.0.1. Signing with --tsa-url, verifying offline with --tsa-cert,
 * the refusals each with its typed error, and the TSA that misbehaves at signing (no .sig written).
 */
class TimestampCliTest {
    @TempDir
    Path dir;

    private Cli cli;
    private Workspace workspace;
    private Workspace.KeyPair signer;
    private Path pkg;
    private BouncyCastleTsa bcTsa;
    private OpenSslTsa opensslTsa;

    @BeforeEach
    void setUp() throws IOException {
        cli = new Cli(dir.resolve("home"));
        workspace = new Workspace(dir);
        signer = workspace.keyPair("signer");
        pkg = workspace.file("plugin.so", "a workflow plugin, timestamped");
        bcTsa = new BouncyCastleTsa(dir.resolve("bc-tsa"), "Bouncy");
        opensslTsa = new OpenSslTsa(dir.resolve("openssl-tsa"));
    }

    @AfterEach
    void stopTsas() {
        bcTsa.close();
        opensslTsa.close();
    }

    private TestTsa tsa(String which) {
        return which.equals("bouncycastle") ? bcTsa : opensslTsa;
    }

    private Cli.Result signWith(TestTsa tsa, Path out) {
        return cli.run("sign", pkg, "--private-key", signer.privateKeyPem(), "--tsa-url", tsa.url(), "--out", out);
    }

    @ParameterizedTest
    @ValueSource(strings = {"bouncycastle", "openssl"})
    void a_timestamped_signature_verifies_offline_with_the_tsas_trusted_time(String which) throws IOException {
        TestTsa tsa = tsa(which);
        Path sig = dir.resolve("plugin.so.sig");
        Cli.Result signed = signWith(tsa, sig);
        assertThat(signed.exitCode()).as(signed.toString()).isZero();
        assertThat(Files.readString(sig)).contains("\"timestamp_token\": \"");

        Cli.Result verified = cli.run("verify", pkg, "--public-key", signer.publicKeyPem(), "--tsa-cert",
                tsa.caCertificate(), "--json");

        assertThat(verified.exitCode()).as(verified.toString()).isZero();
        JsonNode json = new ObjectMapper().readTree(verified.out());
        assertThat(json.get("time_basis").get("kind").asText()).isEqualTo("trusted_time");
        assertThat(json.get("time_basis").get("description").asText()).startsWith("trusted time ").contains(" from TSA ");
        assertThat(json.get("time_basis").get("tsa_subject").asText()).contains(which.equals("openssl") ? "CN=OpenSSL TSA" : "CN=Bouncy TSA");
        assertThat(java.time.Instant.parse(json.get("time_basis").get("time").asText()))
                .isBetween(java.time.Instant.now().minusSeconds(600), java.time.Instant.now().plusSeconds(600));
    }

    @ParameterizedTest
    @ValueSource(strings = {"bouncycastle", "openssl"})
    void the_tsas_own_certificate_may_be_the_trusted_one(String which) {
        TestTsa tsa = tsa(which);
        assertThat(signWith(tsa, dir.resolve("plugin.so.sig")).exitCode()).isZero();

        Cli.Result verified = cli.run("verify", pkg, "--public-key", signer.publicKeyPem(), "--tsa-cert",
                tsa.tsaCertificate());

        assertThat(verified.exitCode()).as(verified.toString()).isZero();
        assertThat(verified.out()).contains("trusted time ");
    }

    @Test
    void a_timestamp_verified_with_no_tsa_configured_is_reported_as_not_checked() {
        assertThat(signWith(bcTsa, dir.resolve("plugin.so.sig")).exitCode()).isZero();

        Cli.Result verified = cli.run("verify", pkg, "--public-key", signer.publicKeyPem());

        assertThat(verified.exitCode()).as(verified.toString()).isZero();
        assertThat(verified.out()).contains("no trusted time (timestamp not checked: no TSA configured): current time");
    }

    @Test
    void a_signature_without_a_timestamp_keeps_compat_bytes_and_reports_the_current_time() throws IOException {
        assertThat(cli.run("sign", pkg, "--private-key", signer.privateKeyPem()).exitCode()).isZero();
        String sig = Files.readString(dir.resolve("plugin.so.sig"));
        assertThat(sig).doesNotContain("timestamp_token").endsWith("+00:00\"\n}");

        Cli.Result verified = cli.run("verify", pkg, "--public-key", signer.publicKeyPem(), "--tsa-cert",
                bcTsa.caCertificate());

        assertThat(verified.exitCode()).as(verified.toString()).isZero();
        assertThat(verified.out()).contains("no trusted time: current time");
    }

    @Test
    void cloacinas_reading_rules_still_read_a_timestamped_sig() throws IOException {
        assertThat(signWith(opensslTsa, dir.resolve("plugin.so.sig")).exitCode()).isZero();
        byte[] bytes = Files.readAllBytes(dir.resolve("plugin.so.sig"));

        // compat.md: a JSON object whose six fields have their types; an unknown field is ignored
        JsonNode sig = new ObjectMapper().readTree(bytes);
        assertThat(sig.get("version").isInt()).isTrue();
        assertThat(sig.get("version").asInt()).isEqualTo(1);
        assertThat(sig.get("algorithm").asText()).isEqualTo("ed25519");
        assertThat(sig.get("package_hash").asText()).matches("[0-9a-f]{64}");
        assertThat(sig.get("key_fingerprint").asText()).isEqualTo(signer.publicKey().fingerprint().hex());
        assertThat(Base64.getDecoder().decode(sig.get("signature").asText())).hasSize(64);
        assertThat(sig.get("signed_at").asText()).endsWith("+00:00");
        List<String> names = iterate(sig);
        assertThat(names).containsExactly("version", "algorithm", "package_hash", "key_fingerprint", "signature",
                "signed_at", "timestamp_token");
        assertThat(new String(bytes, java.nio.charset.StandardCharsets.UTF_8)).doesNotEndWith("\n").endsWith("\"\n}");
    }

    @Test
    void a_token_for_another_signature_is_refused_as_an_imprint_mismatch() throws IOException {
        Path other = workspace.file("other.so", "another package");
        assertThat(cli.run("sign", other, "--private-key", signer.privateKeyPem(), "--tsa-url", bcTsa.url())
                .exitCode()).isZero();
        assertThat(cli.run("sign", pkg, "--private-key", signer.privateKeyPem()).exitCode()).isZero();
        String foreignToken = field(Files.readString(dir.resolve("other.so.sig")), "timestamp_token");
        Path sig = dir.resolve("plugin.so.sig");
        Files.writeString(sig, Files.readString(sig).replace("\"\n}", "\",\n  \"timestamp_token\": \"" + foreignToken + "\"\n}"));

        Cli.Result verified = cli.run("verify", pkg, "--public-key", signer.publicKeyPem(), "--tsa-cert",
                bcTsa.caCertificate());

        assertThat(verified.exitCode()).as(verified.toString()).isEqualTo(8);
        assertThat(verified.err()).startsWith("UntrustedTimestamp: ").contains("imprint_mismatch");
    }

    @Test
    void a_token_from_a_tsa_nobody_trusts_is_refused_as_untrusted() {
        assertThat(signWith(opensslTsa, dir.resolve("plugin.so.sig")).exitCode()).isZero();

        Cli.Result verified = cli.run("verify", pkg, "--public-key", signer.publicKeyPem(), "--tsa-cert",
                bcTsa.caCertificate());

        assertThat(verified.exitCode()).as(verified.toString()).isEqualTo(8);
        assertThat(verified.err()).startsWith("UntrustedTimestamp: ").contains("untrusted_tsa");
    }

    @Test
    void a_token_signed_by_a_certificate_without_timestamping_usage_is_refused() {
        bcTsa.mode(BouncyCastleTsa.Mode.CERTIFICATE_WITHOUT_TIMESTAMPING);
        assertThat(signWith(bcTsa, dir.resolve("plugin.so.sig")).exitCode())
                .as("the signer checks imprint, nonce and the token's shape, not whom to trust").isZero();

        Cli.Result verified = cli.run("verify", pkg, "--public-key", signer.publicKeyPem(), "--tsa-cert",
                bcTsa.caCertificate());

        assertThat(verified.exitCode()).as(verified.toString()).isEqualTo(8);
        assertThat(verified.err()).startsWith("UntrustedTimestamp: ").contains("no_timestamping_eku");
    }

    @Test
    void a_truncated_token_is_a_malformed_signature() throws IOException {
        assertThat(signWith(bcTsa, dir.resolve("plugin.so.sig")).exitCode()).isZero();
        Path sig = dir.resolve("plugin.so.sig");
        String token = field(Files.readString(sig), "timestamp_token");
        byte[] der = Base64.getDecoder().decode(token);
        String truncated = Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(der, der.length - 30));
        Files.writeString(sig, Files.readString(sig).replace(token, truncated));

        Cli.Result verified = cli.run("verify", pkg, "--public-key", signer.publicKeyPem());

        assertThat(verified.exitCode()).as(verified.toString()).isEqualTo(7);
        assertThat(verified.err()).startsWith("MalformedSignature: ").contains("timestamp_token").contains("truncated");
    }

    @Test
    void a_garbled_token_is_a_malformed_signature_when_checked() throws IOException {
        assertThat(signWith(bcTsa, dir.resolve("plugin.so.sig")).exitCode()).isZero();
        Path sig = dir.resolve("plugin.so.sig");
        String token = field(Files.readString(sig), "timestamp_token");
        // one DER SEQUENCE of the right length, but no CMS SignedData inside
        byte[] garbled = new byte[] {0x30, 0x03, 0x02, 0x01, 0x05};
        Files.writeString(sig, Files.readString(sig).replace(token, Base64.getEncoder().encodeToString(garbled)));

        Cli.Result verified = cli.run("verify", pkg, "--public-key", signer.publicKeyPem(), "--tsa-cert",
                bcTsa.caCertificate());

        assertThat(verified.exitCode()).as(verified.toString()).isEqualTo(7);
        assertThat(verified.err()).startsWith("MalformedSignature: ").contains("timestamp_token");
    }

    @ParameterizedTest
    @ValueSource(strings = {"REJECT", "WRONG_NONCE", "WRONG_IMPRINT"})
    void a_tsa_that_refuses_or_answers_another_request_fails_the_signing_and_writes_nothing(String mode) {
        bcTsa.mode(BouncyCastleTsa.Mode.valueOf(mode));
        Path sig = dir.resolve("plugin.so.sig");

        Cli.Result signed = signWith(bcTsa, sig);

        assertThat(signed.exitCode()).as(signed.toString()).isEqualTo(1);
        assertThat(signed.err()).startsWith("TimestampFailed: timestamping failed: ")
                .contains(switch (mode) {
                    case "REJECT" -> "status 2";
                    case "WRONG_NONCE" -> "nonce";
                    default -> "imprint";
                });
        assertThat(sig).doesNotExist();
    }

    @Test
    void a_tsa_that_answers_garbage_or_an_http_error_fails_the_signing() {
        Path sig = dir.resolve("plugin.so.sig");
        opensslTsa.answerWith(reply -> new byte[] {1, 2, 3});
        Cli.Result garbage = signWith(opensslTsa, sig);
        assertThat(garbage.exitCode()).as(garbage.toString()).isEqualTo(1);
        assertThat(garbage.err()).startsWith("TimestampFailed: ").contains("not an RFC 3161 TimeStampResp");

        opensslTsa.answerWith(reply -> {
            throw new IllegalStateException("TSA down");
        });
        Cli.Result error = signWith(opensslTsa, sig);
        assertThat(error.err()).startsWith("TimestampFailed: ").contains("HTTP 500");
        assertThat(sig).doesNotExist();
    }

    @Test
    void the_tsa_url_may_come_from_the_environment() throws IOException {
        Cli withDefault = new Cli(dir.resolve("home"), Map.of("SIGNET_TSA_URL", bcTsa.url().toString()));

        assertThat(withDefault.run("sign", pkg, "--private-key", signer.privateKeyPem()).exitCode()).isZero();

        assertThat(Files.readString(dir.resolve("plugin.so.sig"))).contains("\"timestamp_token\": \"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"bouncycastle", "openssl"})
    void the_readmes_openssl_recipe_checks_the_timestamp(String which) throws IOException {
        TestTsa tsa = tsa(which);
        assertThat(signWith(tsa, dir.resolve("plugin.so.sig")).exitCode()).isZero();
        Files.copy(tsa.caCertificate(), dir.resolve("tsa-ca.pem"));

        String output = Processes.ok(dir, "sh", "-c", readmeRecipe("plugin.so.sig"));

        assertThat(output).contains("Verification: OK");
    }

    @Test
    void the_readmes_openssl_recipe_fails_for_a_token_over_another_signature() throws IOException {
        Path other = workspace.file("other.so", "another package");
        assertThat(cli.run("sign", other, "--private-key", signer.privateKeyPem(), "--tsa-url", opensslTsa.url())
                .exitCode()).isZero();
        assertThat(signWith(opensslTsa, dir.resolve("plugin.so.sig")).exitCode()).isZero();
        Path sig = dir.resolve("plugin.so.sig");
        Files.writeString(sig, Files.readString(sig).replace(field(Files.readString(sig), "timestamp_token"),
                field(Files.readString(dir.resolve("other.so.sig")), "timestamp_token")));
        Files.copy(opensslTsa.caCertificate(), dir.resolve("tsa-ca.pem"));

        Processes.Result result = Processes.run(dir, "sh", "-c", readmeRecipe("plugin.so.sig"));

        assertThat(result.exitCode()).as(result.output()).isNotZero();
    }

    /** The recipe exactly as README.md shows it, SIG standing for the .sig file. */
    private static String readmeRecipe(String sigFile) throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        String marker = "<!-- timestamp-recipe -->";
        int start = readme.indexOf(marker);
        assertThat(start).as("README.md has the timestamp recipe").isNotNegative();
        int open = readme.indexOf("```sh\n", start) + "```sh\n".length();
        int close = readme.indexOf("```", open);
        return "SIG=" + sigFile + "\nset -e\n" + readme.substring(open, close);
    }

    private static String field(String json, String name) {
        return json.replaceAll("(?s).*\"" + name + "\": \"([^\"]+)\".*", "$1");
    }

    private static List<String> iterate(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
