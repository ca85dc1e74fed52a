package dev.signet.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.adapters.crypto.soft.HashingStrategy;
import dev.signet.adapters.crypto.soft.StreamingPackageHasher;
import dev.signet.bootstrap.support.Cli;
import dev.signet.bootstrap.support.Processes;
import dev.signet.bootstrap.support.Workspace;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Packages are streamed, never read whole: a 2 GiB package verifies in a JVM limited to 64 MiB of heap, through the
 * hashing strategy Signet ships; hashing 256 MiB or more shows progress only on a terminal (issue 12).
 */
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
        // the hasher as it ships (HashingStrategy.MEASURED, no -Dsignet.hashing) is the one both JVMs below use
        assertThat(new StreamingPackageHasher().strategy()).isEqualTo(HashingStrategy.MEASURED);

        Processes.Result signed = Processes.signet(dir, smallHeap, "sign", pkg.toString(), "--private-key",
                signer.privateKeyPem().toString(), "--home", dir.resolve("home").toString());
        assertThat(signed.exitCode()).as(signed.output()).isZero();
        // on a terminal, so that the progress shows that the whole file went through that hasher
        Processes.Result verified = Processes.signetWithin(Duration.ofMinutes(2), dir, Map.of("CI", ""),
                List.of("-Xmx64m", "-Dsignet.stderr.tty=true"), "verify", pkg.toString(), "--public-key",
                signer.publicKeyPem().toString(), "--home", dir.resolve("home").toString());
        assertThat(verified.exitCode()).as(verified.output()).isZero();
        assertThat(verified.output()).contains(signer.publicKey().fingerprint().hex())
                .contains("signet: hashing big.pkg: 100% (2048 of 2048 MiB)");

        try (RandomAccessFile file = new RandomAccessFile(pkg.toFile(), "rw")) {
            file.seek(TWO_GIB / 2);
            file.write(7);
        }
        Cli.Result tampered = new Cli(dir.resolve("home")).run("verify", pkg, "--public-key", signer.publicKeyPem());
        assertThat(tampered.exitCode()).as(tampered.toString()).isEqualTo(3);
    }

    @Test
    void hashing_a_package_of_256_mib_shows_progress_on_a_terminal_and_nowhere_else() throws Exception {
        Workspace workspace = new Workspace(dir);
        Workspace.KeyPair signer = workspace.keyPair("signer");
        Path pkg = dir.resolve("quarter.pkg");
        try (RandomAccessFile file = new RandomAccessFile(pkg.toFile(), "rw")) {
            file.setLength(256L << 20); // the threshold itself
        }
        String home = dir.resolve("home").toString();
        assertThat(Processes.signet(dir, List.of(), "sign", pkg.toString(), "--private-key",
                signer.privateKeyPem().toString(), "--home", home).exitCode()).isZero();
        String[] verify = {"verify", pkg.toString(), "--public-key", signer.publicKeyPem().toString(), "--home", home};
        String[] verifyJson = {"verify", pkg.toString(), "--public-key", signer.publicKeyPem().toString(), "--home",
                home, "--json"};
        Duration bound = Duration.ofMinutes(2);
        List<String> tty = List.of("-Dsignet.stderr.tty=true");

        Processes.Result onTerminal = Processes.signetWithin(bound, dir, Map.of("CI", ""), tty, verify);
        assertThat(onTerminal.exitCode()).as(onTerminal.output()).isZero();
        List<String> lines = onTerminal.output().lines().filter(line -> line.startsWith("signet: hashing")).toList();
        assertThat(lines).as(onTerminal.output()).hasSizeBetween(2, 101)
                .contains("signet: hashing quarter.pkg: 100% (256 of 256 MiB)");

        Processes.Result piped = Processes.signetWithin(bound, dir, Map.of("CI", ""), List.of(), verify);
        Processes.Result json = Processes.signetWithin(bound, dir, Map.of("CI", ""), tty, verifyJson);
        Processes.Result inCi = Processes.signetWithin(bound, dir, Map.of("CI", "true"), tty, verify);
        for (Processes.Result quiet : List.of(piped, json, inCi)) {
            assertThat(quiet.exitCode()).as(quiet.output()).isZero();
            assertThat(quiet.output()).as(quiet.output()).doesNotContain("signet: hashing");
        }
    }
}
