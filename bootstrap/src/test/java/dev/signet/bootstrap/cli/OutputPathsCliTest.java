package dev.signet.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.bootstrap.support.Cli;
import dev.signet.bootstrap.support.Keks;
import dev.signet.bootstrap.support.OddFiles;
import dev.signet.bootstrap.support.Workspace;
import dev.signet.domain.Hex;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Output paths that would destroy data are refused with one line, exit 1, before anything is written: the
 * package itself (also through a symbolic or hard link), a device, a FIFO, a socket or a folder. The device
 * cases run as root (as ./run-tests does in CI) on a private node made with mknod, then on /dev/null and
 * /dev/full themselves; a run that is not root cannot make device nodes and fails saying so.
 */
class OutputPathsCliTest {
    @TempDir
    Path dir;

    private Cli cli;
    private Workspace.KeyPair signer;
    private Path pkg;
    private byte[] pkgBytes;
    private String keyId;

    @BeforeEach
    void aPackageAStoredKeyAndAnOrganizationTrustingBothKeys() throws IOException {
        Path kekFile = Files.writeString(dir.resolve("kek"), Hex.encode(Keks.randomBytes()));
        Files.setPosixFilePermissions(kekFile, PosixFilePermissions.fromString("rw-------"));
        cli = new Cli(dir.resolve("home"), Map.of("SIGNET_KEY_ENCRYPTION_KEY_FILE", kekFile.toString()));
        Workspace workspace = new Workspace(dir);
        signer = workspace.keyPair("signer");
        pkg = workspace.file("plugin.so", "a workflow plugin, to be kept byte for byte");
        pkgBytes = Files.readAllBytes(pkg);
        ok(cli.run("org", "create", "acme"));
        keyId = ok(cli.run("key", "create", "--org", "acme", "--name", "release")).strip().split(" ")[0];
        ok(cli.run("trust", "add", "--org", "acme", "--pem", signer.publicKeyPem()));
    }

    @Test
    void sign_with_out_naming_the_package_itself_leaves_the_package_byte_for_byte_and_exits_1() throws IOException {
        assertRefused(cli.run("sign", pkg, "--private-key", signer.privateKeyPem(), "--out", pkg), pkg);
        assertRefused(cli.run("sign", pkg, "--key", keyId, "--out", pkg), pkg);
        assertRefused(cli.run("sign", pkg, "--key", keyId, "--no-store", "--out", dir.resolve(".").resolve("plugin.so")),
                dir.resolve(".").resolve("plugin.so"));

        assertThat(Files.readAllBytes(pkg)).isEqualTo(pkgBytes);
        assertThat(cli.run("audit", "list", "--type", "package.signed").out()).isEmpty();
    }

    @Test
    void sign_with_out_naming_the_package_through_a_symbolic_or_hard_link_is_refused() throws IOException {
        Path symbolic = Files.createSymbolicLink(dir.resolve("symbolic.sig"), pkg);
        Path hard = Files.createLink(dir.resolve("hard.sig"), pkg);

        for (Path link : List.of(symbolic, hard)) {
            assertRefused(cli.run("sign", pkg, "--private-key", signer.privateKeyPem(), "--out", link), link);
            assertRefused(cli.run("sign", pkg, "--key", keyId, "--out", link), link);
        }
        assertThat(Files.readAllBytes(pkg)).isEqualTo(pkgBytes);
        assertThat(OddFiles.kind(symbolic)).isEqualTo("symbolic link");
    }

    @Test
    void load_with_out_naming_the_package_itself_is_refused_and_the_package_stays() throws IOException {
        ok(cli.run("sign", pkg, "--private-key", signer.privateKeyPem()));

        assertRefused(cli.run("load", pkg, "--org", "acme", "--out", pkg), pkg);
        assertThat(Files.readAllBytes(pkg)).isEqualTo(pkgBytes);
    }

    @Test
    void a_fifo_or_a_folder_as_out_is_refused_for_sign_and_load_without_blocking() throws IOException {
        ok(cli.run("sign", pkg, "--private-key", signer.privateKeyPem()));
        Path fifo = OddFiles.fifo(dir.resolve("out.fifo"));
        Path folder = Files.createDirectory(dir.resolve("out.dir"));

        for (Path out : List.of(fifo, folder)) {
            assertRefused(bounded(fifo, "sign", pkg, "--private-key", signer.privateKeyPem(), "--out", out), out);
            assertRefused(bounded(fifo, "sign", pkg, "--key", keyId, "--out", out), out);
            assertRefused(bounded(fifo, "load", pkg, "--org", "acme", "--out", out), out);
            assertRefused(bounded(fifo, "key", "export", keyId, "--out", out), out);
        }
        assertThat(OddFiles.kind(fifo)).isEqualTo("fifo");
        assertThat(OddFiles.kind(folder)).isEqualTo("directory");
        try (var names = Files.list(folder)) {
            assertThat(names).isEmpty();
        }
    }

    @Test
    void as_root_a_device_as_out_stays_a_device_for_sign_and_load() throws IOException {
        assertThat(OddFiles.runningAsRoot())
                .as("this test makes device nodes with mknod and must run as root, as ./run-tests does in CI")
                .isTrue();
        ok(cli.run("sign", pkg, "--private-key", signer.privateKeyPem()));
        // A private node first: if the rename were still there, it would replace this one, not the system's.
        Path privateNull = OddFiles.nullDevice(dir.resolve("null"));
        List<Path> devices = new ArrayList<>(List.of(privateNull));
        assertRefusedOnto(privateNull);

        devices.addAll(List.of(Path.of("/dev/null"), Path.of("/dev/full")));
        for (Path device : devices.subList(1, devices.size())) {
            assertRefusedOnto(device);
        }
    }

    private void assertRefusedOnto(Path device) {
        assertRefused(cli.run("sign", pkg, "--private-key", signer.privateKeyPem(), "--out", device), device);
        assertThat(OddFiles.kind(device)).as(device.toString()).isEqualTo("character device");
        assertRefused(cli.run("sign", pkg, "--key", keyId, "--out", device), device);
        assertThat(OddFiles.kind(device)).as(device.toString()).isEqualTo("character device");
        assertRefused(cli.run("load", pkg, "--org", "acme", "--out", device), device);
        assertThat(OddFiles.kind(device)).as(device.toString()).isEqualTo("character device");
        assertRefused(cli.run("key", "export", keyId, "--out", device), device);
        assertThat(OddFiles.kind(device)).as(device.toString()).isEqualTo("character device");
    }

    private Cli.Result bounded(Path fifo, Object... args) {
        return OddFiles.runWithin(Duration.ofSeconds(20), List.of(fifo), cli, args);
    }

    private static void assertRefused(Cli.Result result, Path out) {
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(result.out()).as(result.toString()).isEmpty();
        assertThat(result.errLines()).as(result.toString()).singleElement().asString()
                .contains(out.toString()).doesNotContain("\tat ", "Exception");
    }

    private static String ok(Cli.Result result) {
        assertThat(result.exitCode()).as(result.toString()).isZero();
        return result.out();
    }
}
