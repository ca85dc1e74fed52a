package dev.signet.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.bootstrap.support.Cli;
import dev.signet.bootstrap.support.Processes;
import dev.signet.domain.Hex;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The OpenSSL CLI as the independent party: each side verifies what the other signed (compat.md). */
class OpenSslInteropTest {
    @TempDir
    Path dir;

    private Cli cli;
    private Path pkg;

    @BeforeEach
    void opensslMakesAKeyPair() throws IOException {
        cli = new Cli(dir.resolve("home"));
        pkg = Files.writeString(dir.resolve("plugin.so"), "a workflow plugin, signed across tools");
        Processes.ok(dir, "openssl", "genpkey", "-algorithm", "ed25519", "-out", "key.pem");
        Processes.ok(dir, "openssl", "pkey", "-in", "key.pem", "-pubout", "-out", "pub.pem");
        Processes.ok(dir, "openssl", "dgst", "-sha256", "-binary", "-out", "digest.bin", "plugin.so");
    }

    @Test
    void a_package_signed_by_openssl_verifies_with_signet() throws Exception {
        Processes.ok(dir, "openssl", "pkeyutl", "-sign", "-inkey", "key.pem", "-rawin", "-in", "digest.bin",
                "-out", "sig.bin");
        byte[] rawPublicKey = rawPublicKey();
        String sigJson = "{\n"
                + "  \"version\": 1,\n"
                + "  \"algorithm\": \"ed25519\",\n"
                + "  \"package_hash\": \"" + Hex.encode(Files.readAllBytes(dir.resolve("digest.bin"))) + "\",\n"
                + "  \"key_fingerprint\": \"" + Hex.encode(sha256(rawPublicKey)) + "\",\n"
                + "  \"signature\": \"" + Base64.getEncoder().encodeToString(Files.readAllBytes(dir.resolve("sig.bin")))
                + "\",\n"
                + "  \"signed_at\": \"2026-11-25T10:00:00Z\"\n"
                + "}";
        Files.writeString(dir.resolve("plugin.so.sig"), sigJson);

        Cli.Result verified = cli.run("verify", pkg, "--public-key", dir.resolve("pub.pem"));

        assertThat(verified.exitCode()).as(verified.toString()).isZero();
        assertThat(verified.out()).contains(Hex.encode(sha256(rawPublicKey)));
    }

    @Test
    void a_package_signed_by_signet_verifies_with_openssl() throws Exception {
        Cli.Result signed = cli.run("sign", pkg, "--private-key", dir.resolve("key.pem"));
        assertThat(signed.exitCode()).as(signed.toString()).isZero();
        String json = Files.readString(dir.resolve("plugin.so.sig"));
        String signature = json.replaceAll("(?s).*\"signature\": \"([^\"]+)\".*", "$1");
        Files.write(dir.resolve("sig.bin"), Base64.getDecoder().decode(signature));

        String output = Processes.ok(dir, "openssl", "pkeyutl", "-verify", "-pubin", "-inkey", "pub.pem", "-rawin",
                "-in", "digest.bin", "-sigfile", "sig.bin");

        assertThat(output).contains("Signature Verified Successfully");
        assertThat(json).contains("\"key_fingerprint\": \"" + Hex.encode(sha256(rawPublicKey())) + "\"");
    }

    @Test
    void openssl_rejects_a_signet_signature_over_another_package() throws Exception {
        assertThat(cli.run("sign", pkg, "--private-key", dir.resolve("key.pem")).exitCode()).isZero();
        String json = Files.readString(dir.resolve("plugin.so.sig"));
        Files.write(dir.resolve("sig.bin"),
                Base64.getDecoder().decode(json.replaceAll("(?s).*\"signature\": \"([^\"]+)\".*", "$1")));
        Files.write(dir.resolve("other-digest.bin"), sha256("another package".getBytes()));

        Processes.Result result = Processes.run(dir, "openssl", "pkeyutl", "-verify", "-pubin", "-inkey", "pub.pem",
                "-rawin", "-in", "other-digest.bin", "-sigfile", "sig.bin");

        assertThat(result.exitCode()).as(result.output()).isNotZero();
    }

    private byte[] rawPublicKey() {
        String der = Processes.ok(dir, "openssl", "pkey", "-pubin", "-in", "pub.pem", "-outform", "DER", "-out",
                "pub.der");
        assertThat(der).isEmpty();
        try {
            byte[] spki = Files.readAllBytes(dir.resolve("pub.der"));
            assertThat(spki).hasSize(44);
            return Arrays.copyOfRange(spki, 12, 44);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] sha256(byte[] bytes) throws NoSuchAlgorithmException {
        return MessageDigest.getInstance("SHA-256").digest(bytes);
    }
}
