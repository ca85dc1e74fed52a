package dev.signet.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.bootstrap.support.Cli;
import dev.signet.bootstrap.support.Processes;
import dev.signet.bootstrap.support.Workspace;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Packages are streamed, never read whole: a 2 GiB package verifies in a JVM limited to 64 MiB of heap. */
class LargePackageTest {
    private static final long TWO_GIB = 2L * 1024 * 1024 * 1024;

    @TempDir
    Path dir;

    @Test
    void a_2_gib_package_verifies_with_64_mib_of_heap() throws Exception {
        Workspace workspace = new Workspace(dir);
        Workspace.KeyPair signer = workspace.keyPair("signer");
        Path pkg = dir.resolve("big.pkg");
        try (RandomAccessFile file = new RandomAccessFile(pkg.toFile(), "rw")) {
            file.setLength(TWO_GIB); // sparse: costs no disk, reads as zeros
            file.seek(TWO_GIB - 1);
            file.write(1);
        }
        List<String> smallHeap = List.of("-Xmx64m");

        Processes.Result signed = Processes.signet(dir, smallHeap, "sign", pkg.toString(), "--private-key",
                signer.privateKeyPem().toString(), "--home", dir.resolve("home").toString());
        assertThat(signed.exitCode()).as(signed.output()).isZero();
        Processes.Result verified = Processes.signet(dir, smallHeap, "verify", pkg.toString(), "--public-key",
                signer.publicKeyPem().toString(), "--home", dir.resolve("home").toString());
        assertThat(verified.exitCode()).as(verified.output()).isZero();
        assertThat(verified.output()).contains(signer.publicKey().fingerprint().hex());

        try (RandomAccessFile file = new RandomAccessFile(pkg.toFile(), "rw")) {
            file.seek(TWO_GIB / 2);
            file.write(7);
        }
        Cli.Result tampered = new Cli(dir.resolve("home")).run("verify", pkg, "--public-key", signer.publicKeyPem());
        assertThat(tampered.exitCode()).as(tampered.toString()).isEqualTo(3);
    }
}
