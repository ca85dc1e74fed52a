package dev.signet.bootstrap.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A PostgreSQL server owned by one test: a fresh data folder (initdb), trust authentication, listening only on
 * 127.0.0.1 at a free port. The test may restart it, stop it hard and start it again without disturbing the
 * shared server on 5432 that other tests and people use.
 *
 * <p>The binaries come from {@value #BIN_VARIABLE} (./run-tests sets it; then any failure to start fails the
 * test), or else from the newest /usr/lib/postgresql/VERSION/bin (when there is none, the test is skipped
 * with a message naming what is missing). initdb refuses to run as root, so under root every binary runs as
 * the postgres user, which owns the data folder.
 */
public final class PrivatePostgres implements AutoCloseable {
    public static final String BIN_VARIABLE = "SIGNET_TEST_PG_BIN";
    private static final Path INSTALLED = Path.of("/usr/lib/postgresql");
    private static final String SERVER_USER = "postgres";

    private final Path bin;
    private final Path dir;
    private final int port;
    private final boolean asServerUser;

    private PrivatePostgres(Path bin, Path dir, int port, boolean asServerUser) {
        this.bin = bin;
        this.dir = dir;
        this.port = port;
        this.asServerUser = asServerUser;
    }

    /** Creates the data folder and starts the server; close() stops it and deletes the folder. */
    public static PrivatePostgres start() {
        Path bin = binaries();
        boolean root = isRoot();
        Path dir;
        try {
            dir = Files.createTempDirectory("signet-private-pg-");
            if (root) {
                Files.setOwner(dir, dir.getFileSystem().getUserPrincipalLookupService()
                        .lookupPrincipalByName(SERVER_USER));
            }
        } catch (IOException e) {
            throw new AssertionError("cannot prepare a data folder for the private PostgreSQL server"
                    + (root ? " owned by the user " + SERVER_USER : "") + ": " + e, e);
        }
        PrivatePostgres server = new PrivatePostgres(bin, dir, freePort(), root);
        try {
            server.run("initdb", "-D", server.data(), "-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C",
                    "--no-sync");
            server.startServer();
            return server;
        } catch (RuntimeException | Error e) {
            server.close();
            throw e;
        }
    }

    /** The JDBC URL of the server's postgres database, as the postgres user (trust: no password). */
    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres";
    }

    /** {@code pg_ctl restart -m fast}: sessions are ended, open transactions roll back, the server comes back. */
    public void restartFast() {
        run("pg_ctl", "restart", "-D", data(), "-m", "fast", "-w", "-t", "60", "-l", log(), "-o", serverOptions());
    }

    /** {@code pg_ctl stop -m immediate}: the server is killed without a shutdown checkpoint, as on a crash. */
    public void stopImmediately() {
        run("pg_ctl", "stop", "-D", data(), "-m", "immediate", "-w", "-t", "60");
    }

    /** Starts the server after a stop (it runs crash recovery after {@link #stopImmediately()}). */
    public void startServer() {
        run("pg_ctl", "start", "-D", data(), "-w", "-t", "60", "-l", log(), "-o", serverOptions());
    }

    @Override
    public void close() {
        try {
            if (Files.exists(Path.of(data(), "postmaster.pid"))) {
                run("pg_ctl", "stop", "-D", data(), "-m", "immediate", "-w", "-t", "60");
            }
        } finally {
            deleteRecursively(dir);
        }
    }

    private String serverOptions() {
        // The socket in the test's own folder: the system one (/var/run/postgresql) may not be writable.
        return "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1";
    }

    private String data() {
        return dir.resolve("data").toString();
    }

    private String log() {
        return dir.resolve("server.log").toString();
    }

    private void run(String program, String... args) {
        List<String> command = new ArrayList<>();
        if (asServerUser) {
            command.addAll(List.of("runuser", "-u", SERVER_USER, "--"));
        }
        command.add(bin.resolve(program).toString());
        command.addAll(List.of(args));
        Processes.Result result = Processes.run(dir, command.toArray(String[]::new));
        if (result.exitCode() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed (exit " + result.exitCode() + "):\n"
                    + result.output() + serverLog());
        }
    }

    private String serverLog() {
        try {
            Path log = Path.of(log());
            return Files.exists(log) ? "\nserver log:\n" + Files.readString(log) : "";
        } catch (IOException e) {
            return "\n(server log unreadable: " + e + ")";
        }
    }

    private static Path binaries() {
        String given = System.getenv(BIN_VARIABLE);
        if (given != null && !given.isBlank()) {
            Path bin = Path.of(given);
            if (!Files.isExecutable(bin.resolve("initdb")) || !Files.isExecutable(bin.resolve("pg_ctl"))) {
                throw new AssertionError(BIN_VARIABLE + "=" + given + " holds no initdb and pg_ctl");
            }
            return bin;
        }
        Optional<Path> newest = installedBinaries();
        Assumptions.assumeTrue(newest.isPresent(), "PostgreSQL server binaries (initdb, pg_ctl) not found under "
                + INSTALLED + "/VERSION/bin: install the postgresql package or set " + BIN_VARIABLE
                + " (./run-tests does)");
        return newest.get();
    }

    private static Optional<Path> installedBinaries() {
        if (!Files.isDirectory(INSTALLED)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(INSTALLED)) {
            return versions.filter(version -> version.getFileName().toString().matches("\\d+(\\.\\d+)?"))
                    .map(version -> version.resolve("bin"))
                    .filter(bin -> Files.isExecutable(bin.resolve("initdb")) && Files.isExecutable(bin.resolve("pg_ctl")))
                    .max(Comparator.comparingDouble(bin -> Double.parseDouble(bin.getParent().getFileName().toString())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isRoot() {
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
