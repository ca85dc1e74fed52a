package dev.signet.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.bootstrap.support.Cli;
import dev.signet.bootstrap.support.Processes;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded database serves one process at a time, so CLI commands on one home queue for it: each waits
 * while another process has it open, for --db-wait / SIGNET_DB_WAIT (default 60 s), then fails saying
 * another Signet process holds it and naming PostgreSQL (--db-url) for concurrent use.
 */
class EmbeddedHomeQueueCliTest {
    private static final int PROCESSES = 5;

    @TempDir
    Path dir;

    private final List<Process> holders = new ArrayList<>();

    @AfterEach
    void stopHolders() {
        holders.forEach(Process::destroyForcibly);
    }

    @Test
    void five_cli_processes_started_at_once_on_one_fresh_home_all_succeed() throws Exception {
        Path home = dir.resolve("home");
        List<CompletableFuture<Processes.Result>> runs = new ArrayList<>();
        for (int i = 0; i < PROCESSES; i++) {
            String name = "org-" + i;
            // a generous wait: on a loaded CI machine five JVMs that each hold the file for seconds can take more
            // than the default 60 s in all (the default itself is the next two tests' business)
            runs.add(CompletableFuture.supplyAsync(() -> Processes.signet(dir, List.of(), "org", "create", name,
                    "--home", home.toString(), "--db-wait", "600")));
        }
        for (CompletableFuture<Processes.Result> run : runs) {
            Processes.Result result = run.get();
            assertThat(result.exitCode()).as(result.output()).isZero();
        }
        Cli.Result list = new Cli(home).run("org", "list");
        assertThat(list.out().lines()).as(list.toString()).hasSize(PROCESSES);
    }

    @Test
    void a_command_waits_while_another_process_holds_the_home_and_runs_once_it_is_released() throws Exception {
        Path home = dir.resolve("home");
        // longer than the 15 s that opening an embedded home tried for before it was a queue
        holdHome(home, 20);

        long start = System.nanoTime();
        Cli.Result created = new Cli(home).run("org", "create", "acme");

        assertThat(created.exitCode()).as(created.toString()).isZero();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("it waited for the holder")
                .isGreaterThan(Duration.ofSeconds(10));
    }

    @Test
    void with_a_short_wait_a_command_fails_after_about_that_wait_saying_who_holds_it_and_naming_postgres()
            throws Exception {
        Path home = dir.resolve("home");
        holdHome(home, 120);

        long start = System.nanoTime();
        Cli.Result refused = new Cli(home).run("org", "list", "--db-wait", "2");
        Duration waited = Duration.ofNanos(System.nanoTime() - start);

        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(1);
        assertThat(refused.errLines()).as(refused.toString()).singleElement().asString()
                .startsWith("DatabaseUnavailable: another Signet process holds the embedded database ")
                .contains("signet.mv.db", "waited 2 s", "PostgreSQL (--db-url)", "--db-wait");
        assertThat(waited).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(10));

        start = System.nanoTime();
        Cli.Result fromVariable = new Cli(home, Map.of("SIGNET_DB_WAIT", "1")).run("org", "list");
        assertThat(fromVariable.exitCode()).as(fromVariable.toString()).isEqualTo(1);
        assertThat(fromVariable.err()).contains("waited 1 s");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(9));
    }

    /** Starts a separate JVM that opens the home's database and keeps it open; returns once it holds it. */
    private void holdHome(Path home, int seconds) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), HoldEmbeddedHome.class.getName(), home.toString(),
                String.valueOf(seconds)));
        Process holder = new ProcessBuilder(command).redirectErrorStream(true).start();
        holders.add(holder);
        BufferedReader output = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = output.readLine()) != null && !line.equals("holding")) {
            // its log lines, if any
        }
        assertThat(line).as("the holder opened the home").isEqualTo("holding");
        assertThat(holder.isAlive()).isTrue();
        // keep reading so that the holder never blocks on a full pipe
        CompletableFuture.runAsync(() -> output.lines().forEach(l -> { }));
        assertThat(holder.waitFor(0, TimeUnit.SECONDS)).isFalse();
    }
}
