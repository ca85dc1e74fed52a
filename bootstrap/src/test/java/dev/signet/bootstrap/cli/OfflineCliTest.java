package dev.signet.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.bootstrap.support.Cli;
import dev.signet.bootstrap.support.Workspace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `signet sign --private-key` and `signet verify --public-key`: outcomes and exit codes of cli.md. */
class OfflineCliTest {
    @TempDir
    Path dir;

    private Cli cli;
    private Workspace workspace;
    private Workspace.KeyPair signer;
    private Path pkg;

    @BeforeEach
    void setUp() throws IOException {
        cli = new Cli(dir.resolve("home"));
        workspace = new Workspace(dir);
        signer = workspace.keyPair("signer");
        pkg = workspace.file("plugin.so", "a workflow plugin");
    }

    @Test
    void a_package_signed_with_a_private_key_verifies_with_its_public_key() {
        Cli.Result signed = cli.run("sign", pkg, "--private-key", signer.privateKeyPem());
        assertThat(signed.exitCode()).as(signed.toString()).isZero();
        assertThat(signed.out()).contains(signer.publicKey().fingerprint().hex()).contains("plugin.so.sig");
        assertThat(dir.resolve("plugin.so.sig")).exists();

        Cli.Result verified = cli.run("verify", pkg, "--public-key", signer.publicKeyPem());
        assertThat(verified.exitCode()).as(verified.toString()).isZero();
        assertThat(verified.out().lines()).singleElement().asString()
                .contains(signer.publicKey().fingerprint().hex());
        assertThat(verified.err()).isEmpty();
    }

    @Test
    void json_output_is_one_object_with_hash_signer_and_source() {
        cli.run("sign", pkg, "--private-key", signer.privateKeyPem());
        Cli.Result verified = cli.run("verify", pkg, "--public-key", signer.publicKeyPem(), "--json");
        assertThat(verified.exitCode()).isZero();
        assertThat(verified.out().strip()).startsWith("{\"package_hash\":\"")
                .contains("\"signer_fingerprint\":\"" + signer.publicKey().fingerprint().hex() + "\"")
                .contains("\"source\":\"file\",\"time_basis\":{\"kind\":\"current_time\",\"time\":\"")
                .endsWith("\"description\":\"no trusted time: current time\"}}");
    }

    @Test
    void the_public_key_may_be_given_as_raw_bytes_or_hex() throws IOException {
        cli.run("sign", pkg, "--private-key", signer.privateKeyPem());
        Path raw = workspace.file("signer.raw", signer.publicKey().bytes());
        Path hex = workspace.file("signer.hex", signer.publicKey().hex() + "\n");
        assertThat(cli.run("verify", pkg, "--public-key", raw).exitCode()).isZero();
        assertThat(cli.run("verify", pkg, "--public-key", hex).exitCode()).isZero();
    }

    @Test
    void out_and_sig_name_another_signature_file() {
        Path elsewhere = dir.resolve("elsewhere.sig");
        assertThat(cli.run("sign", pkg, "--private-key", signer.privateKeyPem(), "--out", elsewhere).exitCode()).isZero();
        assertThat(dir.resolve("plugin.so.sig")).doesNotExist();
        assertThat(cli.run("verify", pkg, "--public-key", signer.publicKeyPem(), "--sig", elsewhere).exitCode()).isZero();
    }

    @Test
    void a_tampered_package_exits_3() throws IOException {
        cli.run("sign", pkg, "--private-key", signer.privateKeyPem());
        Files.writeString(pkg, "a workflow plugin, changed");
        assertFailure(cli.run("verify", pkg, "--public-key", signer.publicKeyPem()), 3, "TamperedPackage: ");
    }

    @Test
    void a_public_key_other_than_the_signers_exits_4() throws IOException {
        cli.run("sign", pkg, "--private-key", signer.privateKeyPem());
        Workspace.KeyPair stranger = workspace.keyPair("stranger");
        assertFailure(cli.run("verify", pkg, "--public-key", stranger.publicKeyPem()), 4, "UntrustedSigner: ");
    }

    @Test
    void a_flipped_signature_byte_exits_5() throws IOException {
        cli.run("sign", pkg, "--private-key", signer.privateKeyPem());
        Path sig = dir.resolve("plugin.so.sig");
        String json = Files.readString(sig);
        String signature = json.replaceAll("(?s).*\"signature\": \"([^\"]+)\".*", "$1");
        byte[] bytes = Base64.getDecoder().decode(signature);
        bytes[10] ^= 0x01;
        Files.writeString(sig, json.replace(signature, Base64.getEncoder().encodeToString(bytes)));
        assertFailure(cli.run("verify", pkg, "--public-key", signer.publicKeyPem()), 5, "InvalidSignature: ");
    }

    @Test
    void a_missing_signature_file_exits_6() {
        assertFailure(cli.run("verify", pkg, "--public-key", signer.publicKeyPem()), 6, "SignatureNotFound: ");
    }

    @Test
    void a_malformed_signature_file_exits_7() throws IOException {
        workspace.file("plugin.so.sig", "not json");
        assertFailure(cli.run("verify", pkg, "--public-key", signer.publicKeyPem()), 7, "MalformedSignature: ");
    }

    @Test
    void a_missing_key_file_is_a_one_line_error_exit_1() {
        assertFailure(cli.run("verify", pkg, "--public-key", dir.resolve("absent.pem")), 1, "Error: ");
        assertFailure(cli.run("sign", pkg, "--private-key", dir.resolve("absent.pem")), 1, "Error: ");
    }

    @Test
    void a_file_that_is_not_a_key_is_a_one_line_error_exit_1() throws IOException {
        Path notAKey = workspace.file("not-a-key.pem", "hello");
        assertFailure(cli.run("verify", pkg, "--public-key", notAKey), 1, "MalformedKey: ");
        assertFailure(cli.run("sign", pkg, "--private-key", notAKey), 1, "MalformedKey: ");
    }

    @Test
    void a_missing_package_is_a_one_line_error_exit_1() {
        assertFailure(cli.run("sign", dir.resolve("absent.so"), "--private-key", signer.privateKeyPem()), 1,
                "PackageNotReadable: ");
    }

    @Test
    void usage_errors_exit_2() {
        assertFailure(cli.run("verify", pkg), 2, "UsageError: ");
        assertFailure(cli.run("sign"), 2, "UsageError: ");
        assertFailure(cli.run("frobnicate"), 2, "UsageError: ");
        assertFailure(cli.run(), 2, "UsageError: ");
    }

    @Test
    void verbose_adds_the_stack_trace() {
        Cli.Result result = cli.run("verify", pkg, "--public-key", signer.publicKeyPem(), "--verbose");
        assertThat(result.exitCode()).isEqualTo(6);
        assertThat(result.err()).contains("at dev.signet.");
    }

    @Test
    void help_lists_the_commands() {
        Cli.Result help = cli.run("--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("sign", "verify", "quickstart");
    }

    private static void assertFailure(Cli.Result result, int exitCode, String prefix) {
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(exitCode);
        assertThat(result.errLines()).as(result.toString()).singleElement().asString().startsWith(prefix);
        assertThat(result.err()).doesNotContain("\tat ");
        assertThat(result.out()).isEmpty();
    }
}
