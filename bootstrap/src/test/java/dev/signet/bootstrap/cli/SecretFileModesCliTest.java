package dev.signet.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.bootstrap.support.Cli;
import dev.signet.bootstrap.support.Keks;
import dev.signet.bootstrap.support.Workspace;
import dev.signet.domain.Hex;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A KEK or PIN file that group or others may access is refused, naming the file and {@code chmod 600}, as ssh
 * refuses such a private key, unless --allow-insecure-secret-files (or SIGNET_ALLOW_INSECURE_SECRET_FILES)
 * says otherwise. Commands that never need the KEK do not read it at all.
 */
class SecretFileModesCliTest {
    @TempDir
    Path dir;

    private Path kekFile;

    @BeforeEach
    void aKekFile() throws IOException {
        kekFile = Files.writeString(dir.resolve("kek.hex"), Hex.encode(Keks.randomBytes()));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"rw-r--r--", "rw-r-----", "rw----r--", "rw--w----", "rw-rw-rw-"})
    void a_kek_file_open_to_group_or_others_is_refused_naming_the_file_and_chmod_600(String mode) throws IOException {
        Files.setPosixFilePermissions(kekFile, PosixFilePermissions.fromString(mode));
        Cli cli = new Cli(dir.resolve("home"), Map.of("SIGNET_KEY_ENCRYPTION_KEY_FILE", kekFile.toString()));
        ok(cli.run("org", "create", "acme"));

        assertInsecure(cli.run("key", "create", "--org", "acme", "--name", "release"), kekFile);
        assertInsecure(cli.run("key", "create", "--org", "acme", "--name", "release", "--kek-file", kekFile), kekFile);
        assertThat(cli.run("key", "list", "--org", "acme").out()).isEmpty();
    }

    @Test
    void an_owner_only_kek_file_is_read_and_the_flag_or_the_variable_allows_an_open_one() throws IOException {
        Cli cli = new Cli(dir.resolve("home"));
        ok(cli.run("org", "create", "acme"));
        Files.setPosixFilePermissions(kekFile, PosixFilePermissions.fromString("r--------"));
        ok(cli.run("key", "create", "--org", "acme", "--name", "a", "--kek-file", kekFile));

        Files.setPosixFilePermissions(kekFile, PosixFilePermissions.fromString("rw-r--r--"));
        ok(cli.run("key", "create", "--org", "acme", "--name", "b", "--kek-file", kekFile,
                "--allow-insecure-secret-files"));
        ok(new Cli(dir.resolve("home"), Map.of("SIGNET_KEY_ENCRYPTION_KEY_FILE", kekFile.toString(),
                "SIGNET_ALLOW_INSECURE_SECRET_FILES", "true")).run("key", "create", "--org", "acme", "--name", "c"));
        assertThat(cli.run("key", "list", "--org", "acme").out().lines()).hasSize(3);
    }

    @Test
    void a_new_kek_file_for_rotation_open_to_others_is_refused_too() throws IOException {
        Files.setPosixFilePermissions(kekFile, PosixFilePermissions.fromString("rw-------"));
        Path next = Files.writeString(dir.resolve("next.hex"), Hex.encode(Keks.randomBytes()));
        Files.setPosixFilePermissions(next, PosixFilePermissions.fromString("rw-rw-r--"));
        Cli cli = new Cli(dir.resolve("home"), Map.of("SIGNET_KEY_ENCRYPTION_KEY_FILE", kekFile.toString()));
        ok(cli.run("org", "create", "acme"));
        ok(cli.run("key", "create", "--org", "acme", "--name", "release"));

        assertInsecure(cli.run("kek", "rotate", "--new-kek-file", next), next);
    }

    @Test
    void a_pin_file_open_to_group_or_others_is_refused_before_the_token_is_opened() throws IOException {
        Path pinFile = Files.writeString(dir.resolve("pin"), "1234");
        Files.setPosixFilePermissions(pinFile, PosixFilePermissions.fromString("rw-r--r--"));

        assertInsecure(new Cli(dir.resolve("home")).run("org", "list", "--pkcs11-library", dir.resolve("no-module.so"),
                "--pkcs11-token", "signet", "--pkcs11-pin-file", pinFile), pinFile);
        assertInsecure(new Cli(dir.resolve("home"), Map.of("SIGNET_PKCS11_LIBRARY", dir.resolve("no-module.so").toString(),
                "SIGNET_PKCS11_TOKEN", "signet", "SIGNET_PKCS11_PIN_FILE", pinFile.toString())).run("org", "list"), pinFile);
    }

    @Test
    void commands_that_never_need_the_kek_do_not_read_the_kek_file() throws IOException {
        Workspace workspace = new Workspace(dir);
        Workspace.KeyPair signer = workspace.keyPair("signer");
        Path pkg = workspace.file("plugin.so", "a plugin");
        // Neither readable (it does not exist) nor safe: any read of it would fail the command.
        Path absent = dir.resolve("no-such-kek.hex");
        Cli cli = new Cli(dir.resolve("home"), Map.of("SIGNET_KEY_ENCRYPTION_KEY_FILE", absent.toString()));

        ok(cli.run("org", "create", "acme"));
        ok(cli.run("org", "list"));
        ok(cli.run("trust", "add", "--org", "acme", "--pem", signer.publicKeyPem()));
        ok(cli.run("sign", pkg, "--private-key", signer.privateKeyPem()));
        ok(cli.run("verify", pkg, "--org", "acme"));
        ok(cli.run("load", pkg, "--org", "acme", "--out", dir.resolve("out.so")));
        ok(cli.run("load", pkg, "--org", "acme", "--out", dir.resolve("out2.so"), "--kek-file", absent));
        ok(cli.run("audit", "list"));
        ok(cli.run("audit", "verify"));
        ok(cli.run("trust", "list", "--org", "acme"));

        Cli.Result needsIt = cli.run("key", "create", "--org", "acme", "--name", "release");
        assertThat(needsIt.exitCode()).as(needsIt.toString()).isEqualTo(1);
        assertThat(needsIt.err()).contains(absent.toString());
    }

    private static void assertInsecure(Cli.Result result, Path file) {
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(result.out()).as(result.toString()).isEmpty();
        assertThat(result.errLines()).as(result.toString()).singleElement().asString()
                .contains(file.toString(), "chmod 600 " + file, "--allow-insecure-secret-files")
                .doesNotContain("\tat ");
    }

    private static String ok(Cli.Result result) {
        assertThat(result.exitCode()).as(result.toString()).isZero();
        return result.out();
    }
}
