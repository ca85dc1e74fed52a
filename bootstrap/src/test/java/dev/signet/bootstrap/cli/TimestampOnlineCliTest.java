package dev.signet.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signet.bootstrap.support.Cli;
import dev.signet.domain.Hex;
import dev.signet.bootstrap.support.Keks;
import dev.signet.bootstrap.support.tsa.BouncyCastleTsa;
import dev.signet.bootstrap.support.tsa.OpenSslTsa;
import dev.signet.bootstrap.support.tsa.TestTsa;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Online timestamps (issue 14): `sign --key --tsa-url`, and `verify --org` judging the timestamp by the
 * organization's TSA trust (`trust tsa add|list|revoke`), inherited through grants as keys are.
 */
class TimestampOnlineCliTest {
    @TempDir
    Path dir;

    private Cli cli;
    private Path pkg;
    private BouncyCastleTsa bcTsa;
    private OpenSslTsa opensslTsa;
    private String keyId;

    @BeforeEach
    void setUp() throws IOException {
        Path kekFile = Keks.ownerOnly(Files.writeString(dir.resolve("kek"), Hex.encode(Keks.randomBytes())));
        cli = new Cli(dir.resolve("home"), Map.of("SIGNET_KEY_ENCRYPTION_KEY_FILE", kekFile.toString()));
        bcTsa = new BouncyCastleTsa(dir.resolve("bc-tsa"), "Bouncy");
        opensslTsa = new OpenSslTsa(dir.resolve("openssl-tsa"));
        pkg = Files.writeString(dir.resolve("plugin.so"), "a plugin signed with a stored key");
        ok("org", "create", "acme");
        keyId = ok("key", "create", "--org", "acme", "--name", "release").split(" ")[0];
        Path pem = dir.resolve("release.pem");
        ok("key", "export", keyId, "--out", pem);
        ok("trust", "add", "--org", "acme", "--pem", pem);
    }

    @AfterEach
    void stopTsas() {
        bcTsa.close();
        opensslTsa.close();
    }

    private String ok(Object... args) {
        Cli.Result result = cli.run(args);
        assertThat(result.exitCode()).as(result.toString()).isZero();
        return result.out();
    }

    private TestTsa tsa(String which) {
        return which.equals("bouncycastle") ? bcTsa : opensslTsa;
    }

    @ParameterizedTest
    @ValueSource(strings = {"bouncycastle", "openssl"})
    void a_stored_key_signature_timestamped_verifies_online_with_the_trusted_time(String which) throws IOException {
        TestTsa tsa = tsa(which);
        ok("sign", pkg, "--key", keyId, "--tsa-url", tsa.url());
        ok("trust", "tsa", "add", "--org", "acme", "--pem", tsa.caCertificate(), "--label", which);

        JsonNode verified = new ObjectMapper().readTree(ok("verify", pkg, "--org", "acme", "--json"));

        assertThat(verified.get("time_basis").get("kind").asText()).isEqualTo("trusted_time");
        assertThat(verified.get("time_basis").get("description").asText()).startsWith("trusted time ");
        assertThat(verified.get("time_basis").get("tsa_subject").asText()).contains("TSA");
    }

    @Test
    void an_organization_that_trusts_no_tsa_reports_the_timestamp_as_not_checked() {
        ok("sign", pkg, "--key", keyId, "--tsa-url", bcTsa.url());

        assertThat(ok("verify", pkg, "--org", "acme")).contains("timestamp not checked: no TSA configured");
    }

    @Test
    void tsa_trust_is_inherited_through_grants_and_ends_with_its_revocation() {
        ok("sign", pkg, "--key", keyId, "--tsa-url", bcTsa.url());
        ok("org", "create", "parent");
        ok("trust", "grant", "--parent", "parent", "--child", "acme");
        String tsaId = ok("trust", "tsa", "add", "--org", "acme", "--pem", bcTsa.caCertificate()).strip();
        assertThat(ok("trust", "tsa", "list", "--org", "acme")).contains(tsaId).contains("CN=Bouncy Test CA");

        assertThat(ok("verify", pkg, "--org", "parent")).contains("trusted time ").contains("CN=Bouncy TSA");

        ok("trust", "tsa", "revoke", tsaId);
        assertThat(ok("verify", pkg, "--org", "parent")).contains("timestamp not checked: no TSA configured");
        assertThat(ok("trust", "tsa", "list", "--org", "acme")).contains("revoked ");
    }

    @Test
    void a_timestamp_from_a_tsa_the_organization_does_not_trust_is_refused() {
        ok("sign", pkg, "--key", keyId, "--tsa-url", opensslTsa.url());
        ok("trust", "tsa", "add", "--org", "acme", "--pem", bcTsa.caCertificate());

        Cli.Result verified = cli.run("verify", pkg, "--org", "acme");

        assertThat(verified.exitCode()).as(verified.toString()).isEqualTo(8);
        assertThat(verified.err()).startsWith("UntrustedTimestamp: ").contains("untrusted_tsa");
    }

    @Test
    void a_tsa_that_fails_at_signing_with_a_stored_key_writes_and_stores_nothing() {
        bcTsa.mode(BouncyCastleTsa.Mode.WRONG_NONCE);

        Cli.Result signed = cli.run("sign", pkg, "--key", keyId, "--tsa-url", bcTsa.url());

        assertThat(signed.exitCode()).as(signed.toString()).isEqualTo(1);
        assertThat(signed.err()).startsWith("TimestampFailed: ").contains("nonce");
        assertThat(Path.of(pkg + ".sig")).doesNotExist();
        assertThat(cli.run("verify", pkg, "--org", "acme").exitCode()).as("nothing stored either").isEqualTo(6);
        assertThat(ok("audit", "list", "--type", "package.sign.failure")).contains("nonce");
    }

    @Test
    void a_tsa_certificate_that_is_no_certificate_is_refused() throws IOException {
        Path notACertificate = Files.writeString(dir.resolve("not.pem"), "hello");

        Cli.Result added = cli.run("trust", "tsa", "add", "--org", "acme", "--pem", notACertificate);

        assertThat(added.exitCode()).as(added.toString()).isEqualTo(1);
        assertThat(added.err()).contains("not.pem");
    }
}
