package dev.signet.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.bootstrap.support.Cli;
import dev.signet.bootstrap.support.Processes;
import dev.signet.bootstrap.support.Workspace;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The loading gate's private copies: staged only when a package is loaded, under the Signet home (never the
 * system's temporary folder), removed when the command ends, and leftovers of killed runs swept at the next
 * start (only those whose process is gone). The copy has a size cap, past which nothing is left behind.
 */
class StagingFolderCliTest {
    @TempDir
    Path dir;

    private Path home;
    private Path tmp;
    private Cli cli;
    private Workspace.KeyPair signer;
    private Path pkg;

    @BeforeEach
    void aSignedPackageAndAnOrganizationTrustingItsSigner() throws IOException {
        home = dir.resolve("home");
        tmp = Files.createDirectory(dir.resolve("tmp"));
        cli = new Cli(home);
        Workspace workspace = new Workspace(dir);
        signer = workspace.keyPair("signer");
        pkg = workspace.file("plugin.so", "a workflow plugin");
        ok(cli.run("sign", pkg, "--private-key", signer.privateKeyPem()));
        ok(cli.run("org", "create", "acme"));
        ok(cli.run("trust", "add", "--org", "acme", "--pem", signer.publicKeyPem()));
    }

    @Test
    void org_list_verify_and_load_leave_no_staging_folder_in_the_temporary_folder_or_the_home() throws IOException {
        Path out = dir.resolve("loaded.so");

        inFreshJvm("org", "list");
        inFreshJvm("verify", pkg.toString(), "--public-key", signer.publicKeyPem().toString());
        inFreshJvm("verify", pkg.toString(), "--org", "acme");
        inFreshJvm("load", pkg.toString(), "--org", "acme", "--out", out.toString());

        assertThat(Files.readString(out)).isEqualTo("a workflow plugin");
        assertThat(namesIn(tmp)).as("java.io.tmpdir").filteredOn(name -> name.contains("signet")).isEmpty();
        assertThat(namesUnder(home)).as("the home").filteredOn(name -> name.contains("stag")).isEmpty();
    }

    @Test
    void a_failed_load_leaves_no_staging_folder_either() throws IOException {
        Files.writeString(pkg, "tampered");

        Processes.Result result = Processes.signetWithin(Duration.ofSeconds(180), dir, environment(),
                List.of("-Djava.io.tmpdir=" + tmp), "load", pkg.toString(), "--org", "acme", "--out",
                dir.resolve("out.so").toString());

        assertThat(result.exitCode()).as(result.output()).isEqualTo(3);
        assertThat(namesIn(tmp)).filteredOn(name -> name.contains("signet")).isEmpty();
        assertThat(namesUnder(home)).filteredOn(name -> name.contains("stag")).isEmpty();
    }

    @Test
    void the_leftover_of_a_killed_run_is_swept_at_the_next_start_and_a_live_process_folder_is_kept()
            throws Exception {
        Process gone = new ProcessBuilder("sleep", "60").start();
        long deadPid = gone.pid();
        long deadStart = gone.info().startInstant().orElseThrow().toEpochMilli();
        gone.destroyForcibly();
        assertThat(gone.waitFor(10, TimeUnit.SECONDS)).isTrue();
        Path leftover = Files.createDirectories(home.resolve("signet-staged-" + deadPid + "-" + deadStart + "-1"));
        Files.writeString(leftover.resolve("package-1.staged"), "half a copy");
        ProcessHandle self = ProcessHandle.current();
        Path live = Files.createDirectories(home.resolve("signet-staged-" + self.pid() + "-"
                + self.info().startInstant().orElseThrow().toEpochMilli() + "-2"));
        Path reusedPid = Files.createDirectories(home.resolve("signet-staged-" + self.pid() + "-12345-3"));
        Path notOurs = Files.createDirectories(home.resolve("signet-staged-notes"));

        ok(cli.run("org", "list"));

        assertThat(leftover).as("its process is gone").doesNotExist();
        assertThat(reusedPid).as("its pid now belongs to a process started at another time").doesNotExist();
        assertThat(live).as("its process still runs").isDirectory();
        assertThat(notOurs).as("not a name Signet gives").isDirectory();
    }

    @Test
    void a_package_larger_than_the_staging_cap_is_refused_in_one_line_and_no_partial_copy_is_left()
            throws IOException {
        Path big = dir.resolve("big.so");
        try (RandomAccessFile file = new RandomAccessFile(big.toFile(), "rw")) {
            file.setLength(3 * 1024 * 1024);
        }
        ok(cli.run("sign", big, "--private-key", signer.privateKeyPem()));

        Cli.Result refused = cli.run("load", big, "--org", "acme", "--out", dir.resolve("out.so"), "--max-load-size", "2MiB");

        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(1);
        assertThat(refused.errLines()).as(refused.toString()).singleElement().asString()
                .startsWith("PackageTooLarge: ").contains(big.toString(), "2097152", "--max-load-size");
        assertThat(dir.resolve("out.so")).doesNotExist();
        assertThat(namesUnder(home)).filteredOn(name -> name.contains("stag")).isEmpty();

        Cli.Result fromEnvironment = new Cli(home, Map.of("SIGNET_MAX_LOAD_SIZE", "1048576"))
                .run("load", big, "--org", "acme", "--out", dir.resolve("out.so"));
        assertThat(fromEnvironment.exitCode()).as(fromEnvironment.toString()).isEqualTo(1);
        assertThat(fromEnvironment.err()).startsWith("PackageTooLarge: ").contains("1048576");

        ok(cli.run("load", big, "--org", "acme", "--out", dir.resolve("out.so"), "--max-load-size", "3MiB"));
        assertThat(Files.size(dir.resolve("out.so"))).isEqualTo(3 * 1024 * 1024);
    }

    private void inFreshJvm(String... args) {
        Processes.Result result = Processes.signetWithin(Duration.ofSeconds(180), dir, environment(),
                List.of("-Djava.io.tmpdir=" + tmp), args);
        assertThat(result.exitCode()).as(String.join(" ", args) + "\n" + result.output()).isZero();
    }

    private Map<String, String> environment() {
        return Map.of("SIGNET_HOME", home.toString());
    }

    private static List<String> namesIn(Path folder) throws IOException {
        try (Stream<Path> paths = Files.list(folder)) {
            return paths.map(path -> path.getFileName().toString()).toList();
        }
    }

    private static List<String> namesUnder(Path folder) throws IOException {
        try (Stream<Path> paths = Files.walk(folder)) {
            return paths.map(path -> folder.relativize(path).toString()).toList();
        }
    }

    private static String ok(Cli.Result result) {
        assertThat(result.exitCode()).as(result.toString()).isZero();
        return result.out();
    }
}
