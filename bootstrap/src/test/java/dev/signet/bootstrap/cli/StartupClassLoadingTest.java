package dev.signet.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.adapters.persistence.db.TestDatabase;
import dev.signet.bootstrap.support.Cli;
import dev.signet.bootstrap.support.DatabaseArgs;
import dev.signet.bootstrap.support.Processes;
import dev.signet.bootstrap.support.Workspace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The regression guard of the start-up path (docs/architecture.md, "Start-up"): a command loads only what it
 * needs. Each command runs in a fresh JVM that logs every class it loads; the test names the packages that
 * command must not load. Not a timing: which classes load is what decides the time, and it does not vary with
 * the machine's load.
 */
class StartupClassLoadingTest {
    /** A JSON databind, a logging framework, a DI container, the migration tool, or a database, for a file command. */
    private static final List<String> NOT_FOR_AN_OFFLINE_COMMAND = List.of("com.fasterxml.jackson.databind.",
            "ch.qos.logback.", "net.logstash.", "com.google.inject.", "com.google.common.", "liquibase.", "org.h2.",
            "org.postgresql.", "org.apache.ibatis.", "com.zaxxer.hikari.");
    /**
     * Key-store commands on a current schema: no migration tool, no DI container, no databind, and no logging
     * framework although the pool and the mappers ask for loggers (DeferredLogbackProvider: nothing is logged).
     */
    private static final List<String> NOT_FOR_A_KEY_STORE_COMMAND = List.of("liquibase.", "com.google.inject.",
            "com.google.common.", "com.fasterxml.jackson.databind.", "net.logstash.", "ch.qos.logback.");

    @TempDir
    Path dir;

    private Path home;
    private Cli cli;
    private Workspace.KeyPair signer;
    private Path pkg;

    @BeforeEach
    void aSignedPackageAndAStoreTrustingItsSigner() throws IOException {
        home = dir.resolve("home");
        cli = new Cli(home);
        Workspace workspace = new Workspace(dir);
        signer = workspace.keyPair("signer");
        pkg = workspace.file("plugin.so", "a workflow plugin");
        ok(cli.run("sign", pkg, "--private-key", signer.privateKeyPem()));
        ok(cli.run("org", "create", "acme"));
        ok(cli.run("trust", "add", "--org", "acme", "--pem", signer.publicKeyPem()));
    }

    @Test
    void offline_verify_loads_no_databind_logging_framework_container_migrations_or_database() throws IOException {
        List<String> loaded = classesLoadedBy("verify", pkg.toString(), "--public-key", signer.publicKeyPem().toString());

        assertThat(loaded).as("classes loaded").contains("dev.signet.adapters.audit.JsonLinesAuditFile");
        assertThat(loaded).filteredOn(isOneOf(NOT_FOR_AN_OFFLINE_COMMAND)).isEmpty();
        assertThat(Files.readAllLines(home.resolve("audit.log"))).last().asString()
                .contains("\"event_type\":\"verification.success\"");
    }

    @Test
    void offline_sign_loads_no_databind_logging_framework_container_migrations_or_database() throws IOException {
        List<String> loaded = classesLoadedBy("sign", pkg.toString(), "--private-key", signer.privateKeyPem().toString(),
                "--out", dir.resolve("again.sig").toString());

        assertThat(loaded).filteredOn(isOneOf(NOT_FOR_AN_OFFLINE_COMMAND)).isEmpty();
        assertThat(Files.readAllLines(home.resolve("audit.log"))).last().asString()
                .contains("\"event_type\":\"package.signed\"");
    }

    @Test
    void key_store_commands_on_a_current_embedded_store_load_no_migration_tool_container_or_logging_framework() throws IOException {
        for (String[] command : List.of(new String[] {"org", "list"}, new String[] {"key", "list", "--org", "acme"},
                new String[] {"trust", "list", "--org", "acme"}, new String[] {"verify", pkg.toString(), "--org", "acme"})) {
            List<String> loaded = classesLoadedBy(command);

            assertThat(loaded).as(String.join(" ", command)).contains("org.h2.Driver");
            assertThat(loaded).as(String.join(" ", command))
                    .filteredOn(isOneOf(NOT_FOR_A_KEY_STORE_COMMAND)).isEmpty();
        }
    }

    @Test
    void org_list_on_a_current_postgresql_store_loads_no_migration_tool_container_or_logging_framework() throws IOException {
        try (TestDatabase db = TestDatabase.postgres()) {
            ok(cli.run(DatabaseArgs.on(db, "org", "create", "acme")));
            List<String> arguments = new ArrayList<>();
            for (Object arg : DatabaseArgs.on(db, "org", "list")) {
                arguments.add(arg.toString());
            }

            List<String> loaded = classesLoadedBy(arguments.toArray(String[]::new));

            assertThat(loaded).contains("org.postgresql.Driver");
            assertThat(loaded).filteredOn(isOneOf(NOT_FOR_A_KEY_STORE_COMMAND)).isEmpty();
        }
    }

    /** The names of the classes a fresh JVM loaded while running the command (which must succeed). */
    private List<String> classesLoadedBy(String... command) throws IOException {
        Path log = Files.createTempFile(dir, "classes-", ".log");
        Processes.Result result = Processes.signetWithin(Duration.ofSeconds(180), dir,
                Map.of("SIGNET_HOME", home.toString()),
                List.of("-Xlog:class+load=info:file=" + log + ":none"), command);
        assertThat(result.exitCode()).as(String.join(" ", command) + "\n" + result.output()).isZero();
        List<String> loaded = new ArrayList<>();
        for (String line : Files.readAllLines(log)) {
            String[] words = line.strip().split(" ");
            if (words.length > 0 && !words[0].isEmpty()) {
                loaded.add(words[0]);
            }
        }
        assertThat(loaded).as("the class-load log").contains("dev.signet.bootstrap.cli.SignetCli");
        return loaded;
    }

    private static java.util.function.Predicate<String> isOneOf(List<String> packages) {
        return name -> packages.stream().anyMatch(name::startsWith);
    }

    private static void ok(Cli.Result result) {
        assertThat(result.exitCode()).as(result.toString()).isZero();
    }
}
