package dev.signet.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signet.bootstrap.support.Cli;
import dev.signet.bootstrap.support.Keks;
import dev.signet.bootstrap.support.tsa.BouncyCastleTsa;
import dev.signet.bootstrap.support.tsa.OpenSslTsa;
import dev.signet.bootstrap.support.tsa.TestTsa;
import dev.signet.domain.Hex;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 14's acceptance, with each of two independent TSAs (Bouncy Castle's and openssl ts -reply): a key
 * retired after it signed keeps its timestamped package verifying, with the trusted time reported, online and
 * offline, while its untimestamped package fails as untrusted; once it is marked compromised from before the
 * timestamp, both fail.
 */
class TrustedTimeAcceptanceCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Cli cli;

    @ParameterizedTest
    @ValueSource(strings = {"bouncycastle", "openssl"})
    void retiring_a_key_keeps_its_timestamped_packages_and_a_compromise_ends_them(String which) throws IOException {
        Path kekFile = Keks.ownerOnly(Files.writeString(dir.resolve("kek"), Hex.encode(Keks.randomBytes())));
        cli = new Cli(dir.resolve("home"), Map.of("SIGNET_KEY_ENCRYPTION_KEY_FILE", kekFile.toString()));
        try (TestTsa tsa = which.equals("bouncycastle") ? new BouncyCastleTsa(dir.resolve("tsa"), "Acceptance")
                : new OpenSslTsa(dir.resolve("tsa"))) {
            ok("org", "create", "acme");
            String keyId = ok("key", "create", "--org", "acme", "--name", "release-2026").split(" ")[0];
            Path publicKey = dir.resolve("release.pem");
            ok("key", "export", keyId, "--out", publicKey);
            String trustedKeyId = ok("trust", "add", "--org", "acme", "--pem", publicKey).strip();
            ok("trust", "tsa", "add", "--org", "acme", "--pem", tsa.caCertificate(), "--label", which);

            Path stamped = Files.writeString(dir.resolve("stamped.so"), "signed with a timestamp");
            Path unstamped = Files.writeString(dir.resolve("unstamped.so"), "signed without one");
            ok("sign", stamped, "--key", keyId, "--tsa-url", tsa.url());
            ok("sign", unstamped, "--key", keyId);
            JsonNode before = JSON.readTree(ok("verify", stamped, "--org", "acme", "--json")).get("time_basis");
            assertThat(before.get("kind").asText()).isEqualTo("trusted_time");
            Instant trustedTime = Instant.parse(before.get("time").asText());
            assertThat(JSON.readTree(ok("verify", unstamped, "--org", "acme", "--json")).get("time_basis")
                    .get("kind").asText()).isEqualTo("current_time");

            ok("trust", "revoke", trustedKeyId, "--reason", "retired");

            JsonNode online = JSON.readTree(ok("verify", stamped, "--org", "acme", "--json")).get("time_basis");
            assertThat(online.get("kind").asText()).isEqualTo("trusted_time");
            assertThat(Instant.parse(online.get("time").asText())).isEqualTo(trustedTime);
            assertThat(online.get("tsa_subject").asText()).contains("TSA");
            assertThat(ok("verify", stamped, "--org", "acme")).contains("trusted time " + trustedTime + " from TSA ");
            JsonNode offline = JSON.readTree(ok("verify", stamped, "--public-key", publicKey, "--tsa-cert",
                    tsa.caCertificate(), "--json")).get("time_basis");
            assertThat(offline.get("kind").asText()).isEqualTo("trusted_time");
            assertThat(Instant.parse(offline.get("time").asText())).isEqualTo(trustedTime);
            assertUntrusted(cli.run("verify", unstamped, "--org", "acme"));

            Instant compromisedSince = trustedTime.minusSeconds(60).truncatedTo(ChronoUnit.SECONDS);
            ok("trust", "revoke", trustedKeyId, "--reason", "compromised", "--effective", compromisedSince);

            assertUntrusted(cli.run("verify", stamped, "--org", "acme"));
            assertUntrusted(cli.run("verify", unstamped, "--org", "acme"));
        }
    }

    private String ok(Object... args) {
        Cli.Result result = cli.run(args);
        assertThat(result.exitCode()).as(result.toString()).isZero();
        return result.out();
    }

    private static void assertUntrusted(Cli.Result result) {
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(4);
        assertThat(result.err()).startsWith("UntrustedSigner: ");
    }
}
