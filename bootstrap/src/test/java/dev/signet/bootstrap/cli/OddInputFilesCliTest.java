package dev.signet.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.bootstrap.support.Cli;
import dev.signet.bootstrap.support.OddFiles;
import dev.signet.bootstrap.support.Processes;
import dev.signet.bootstrap.support.Workspace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inputs that are not regular files (FIFOs made with mkfifo, folders) and files that cannot be read: nothing
 * blocks on opening them. A {@code .sig} that is not a regular file is MalformedSignature (exit 7); a package,
 * key, KEK or PIN file that is not one is a one-line error (exit 1); a {@code .sig} that is there but cannot
 * be read is an I/O error (exit 1) naming it, not MalformedSignature. Every run is bounded (a real JVM killed
 * after 20 s, or an in-process run whose FIFO is released after 20 s), so that a regression fails instead of
 * hanging.
 */
class OddInputFilesCliTest {
    private static final Duration BOUND = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private Cli cli;
    private Workspace.KeyPair signer;
    private Path pkg;
    private Path sig;
    private byte[] validSig;

    @BeforeEach
    void aSignedPackageAndAnOrganizationTrustingItsSigner() throws IOException {
        cli = new Cli(dir.resolve("home"));
        Workspace workspace = new Workspace(dir);
        signer = workspace.keyPair("signer");
        pkg = workspace.file("plugin.so", "a workflow plugin");
        ok(cli.run("sign", pkg, "--private-key", signer.privateKeyPem()));
        sig = dir.resolve("plugin.so.sig");
        validSig = Files.readAllBytes(sig);
        ok(cli.run("org", "create", "acme"));
        ok(cli.run("trust", "add", "--org", "acme", "--pem", signer.publicKeyPem()));
    }

    @Test
    void verify_with_a_fifo_at_PACKAGE_sig_exits_7_in_a_fresh_jvm_killed_after_20_seconds() throws IOException {
        replaceWithFifo(sig);

        assertMalformed(inFreshJvm("verify", pkg.toString(), "--public-key", signer.publicKeyPem().toString()));
    }

    @Test
    void verify_with_a_fifo_as_sig_exits_7_in_a_fresh_jvm_killed_after_20_seconds() throws IOException {
        Path fifo = OddFiles.fifo(dir.resolve("other.sig"));

        assertMalformed(inFreshJvm("verify", pkg.toString(), "--public-key", signer.publicKeyPem().toString(),
                "--sig", fifo.toString()));
    }

    @Test
    void load_with_a_fifo_at_PACKAGE_sig_exits_7_within_20_seconds_and_writes_nothing() throws IOException {
        replaceWithFifo(sig);
        Path out = dir.resolve("loaded.so");

        // In this JVM under the watchdog: a fresh JVM opening the database can take longer than 20 s on a
        // loaded CI machine, which would make the bound test the machine rather than the FIFO.
        assertMalformedNaming(bounded(List.of(sig), "load", pkg, "--org", "acme", "--out", out), sig);
        assertThat(out).doesNotExist();
    }

    @Test
    void online_verify_with_a_fifo_at_PACKAGE_sig_or_as_sig_exits_7() throws IOException {
        replaceWithFifo(sig);
        Path other = OddFiles.fifo(dir.resolve("other.sig"));

        assertMalformedNaming(bounded(List.of(sig), "verify", pkg, "--org", "acme"), sig);
        assertMalformedNaming(bounded(List.of(other), "verify", pkg, "--org", "acme", "--sig", other), other);
    }

    @Test
    void a_folder_at_PACKAGE_sig_is_MalformedSignature_not_a_missing_signature() throws IOException {
        Files.delete(sig);
        Files.createDirectory(sig);

        assertMalformedNaming(cli.run("verify", pkg, "--public-key", signer.publicKeyPem()), sig);
        assertMalformedNaming(cli.run("verify", pkg, "--org", "acme"), sig);
        assertMalformedNaming(cli.run("load", pkg, "--org", "acme", "--out", dir.resolve("out.so")), sig);
    }

    @Test
    void a_package_that_is_a_fifo_is_a_one_line_error_for_sign_verify_and_load() throws IOException {
        Path fifoPackage = OddFiles.fifo(dir.resolve("fifo.so"));
        Files.write(dir.resolve("fifo.so.sig"), validSig);
        List<Path> fifos = List.of(fifoPackage);

        assertNotARegularFile(bounded(fifos, "verify", fifoPackage, "--public-key", signer.publicKeyPem()), fifoPackage);
        assertNotARegularFile(bounded(fifos, "verify", fifoPackage, "--org", "acme"), fifoPackage);
        assertNotARegularFile(bounded(fifos, "load", fifoPackage, "--org", "acme", "--out", dir.resolve("out.so")),
                fifoPackage);
        assertNotARegularFile(bounded(fifos, "sign", fifoPackage, "--private-key", signer.privateKeyPem(),
                "--out", dir.resolve("fifo.sig")), fifoPackage);
        assertThat(dir.resolve("out.so")).doesNotExist();
        assertThat(dir.resolve("fifo.sig")).doesNotExist();
    }

    @Test
    void key_files_that_are_fifos_or_folders_are_refused_without_blocking() throws IOException {
        Path fifo = OddFiles.fifo(dir.resolve("key.fifo"));
        Path folder = Files.createDirectory(dir.resolve("key.dir"));
        List<Path> fifos = List.of(fifo);

        for (Path odd : List.of(fifo, folder)) {
            assertNotARegularFile(bounded(fifos, "verify", pkg, "--public-key", odd), odd);
            assertNotARegularFile(bounded(fifos, "sign", pkg, "--private-key", odd, "--out", dir.resolve("x.sig")), odd);
            assertNotARegularFile(bounded(fifos, "trust", "add", "--org", "acme", "--pem", odd), odd);
        }
        assertThat(dir.resolve("x.sig")).doesNotExist();
    }

    @Test
    void kek_and_pin_files_that_are_fifos_are_refused_without_blocking() throws IOException {
        Path fifo = OddFiles.fifo(dir.resolve("secret.fifo"));
        List<Path> fifos = List.of(fifo);

        assertNotARegularFile(bounded(fifos, "key", "create", "--org", "acme", "--name", "k", "--kek-file", fifo), fifo);
        assertNotARegularFile(bounded(fifos, "org", "list", "--pkcs11-library", dir.resolve("no-such-module.so"),
                "--pkcs11-token", "t", "--pkcs11-pin-file", fifo), fifo);
    }

    @Test
    void a_signature_file_that_cannot_be_read_is_an_io_error_naming_it_not_MalformedSignature() throws IOException {
        // Reading /proc/self/mem from offset 0 fails with EIO, even for root (for whom chmod 000 changes nothing).
        Files.delete(sig);
        Files.createSymbolicLink(sig, Path.of("/proc/self/mem"));

        assertUnreadableSignature(cli.run("verify", pkg, "--public-key", signer.publicKeyPem()), sig);
        assertUnreadableSignature(cli.run("verify", pkg, "--org", "acme"), sig);
        assertUnreadableSignature(cli.run("load", pkg, "--org", "acme", "--out", dir.resolve("out.so")), sig);
        Path other = dir.resolve("other.sig");
        Files.createSymbolicLink(other, Path.of("/proc/self/mem"));
        assertUnreadableSignature(cli.run("verify", pkg, "--public-key", signer.publicKeyPem(), "--sig", other), other);
        assertThat(dir.resolve("out.so")).doesNotExist();
    }

    private void replaceWithFifo(Path file) throws IOException {
        Files.delete(file);
        OddFiles.fifo(file);
    }

    /** As `timeout 20 signet ...`, with the launcher's start-up flags for small files (C1 alone). */
    private Processes.Result inFreshJvm(String... args) {
        return Processes.signetWithin(BOUND, dir, Map.of("SIGNET_HOME", dir.resolve("home").toString()),
                List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"), args);
    }

    private Cli.Result bounded(List<Path> fifos, Object... args) {
        return OddFiles.runWithin(BOUND, fifos, cli, args);
    }

    private static void assertMalformed(Processes.Result result) {
        assertThat(result.exitCode()).as(result.output()).isEqualTo(7);
        assertThat(result.output().lines()).as(result.output()).singleElement().asString()
                .startsWith("MalformedSignature: ").contains("not a regular file");
    }

    private static void assertMalformedNaming(Cli.Result result, Path signature) {
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(7);
        assertThat(result.out()).as(result.toString()).isEmpty();
        assertThat(result.errLines()).as(result.toString()).singleElement().asString()
                .startsWith("MalformedSignature: ").contains(signature.toString(), "not a regular file");
    }

    private static void assertNotARegularFile(Cli.Result result, Path file) {
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(result.out()).as(result.toString()).isEmpty();
        assertThat(result.errLines()).as(result.toString()).singleElement().asString()
                .contains(file.toString(), "not a regular file").doesNotContain("\tat ");
    }

    private static void assertUnreadableSignature(Cli.Result result, Path signature) {
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(result.out()).as(result.toString()).isEmpty();
        assertThat(result.errLines()).as(result.toString()).singleElement().asString()
                .startsWith("SignatureFileNotReadable: cannot read signature file " + signature + ": ")
                .doesNotContain("MalformedSignature", "\tat ");
    }

    private static String ok(Cli.Result result) {
        assertThat(result.exitCode()).as(result.toString()).isZero();
        return result.out();
    }
}
