package dev.signet.adapters.persistence.db;

import dev.signet.adapters.persistence.db.tx.RetryPolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Assumptions;

/**
 * An empty database of one kind, made for one test and thrown away after it: an H2 file database in a
 * temporary folder, or a PostgreSQL database created on the server named by {@value #POSTGRES_URL_VARIABLE}
 * and dropped afterwards, so that runs never see each other's rows.
 *
 * <p>Created on first use, inside the test: without the variable the test is skipped (aborted) with a
 * message saying so; with it, a server that cannot be reached fails the test.
 */
public final class TestDatabase implements AutoCloseable {
    public static final String POSTGRES_URL_VARIABLE = "SIGNET_TEST_POSTGRES_URL";
    public static final String POSTGRES_NOT_PROVIDED =
            "PostgreSQL not provided: set " + POSTGRES_URL_VARIABLE + " (./run-tests does)";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern POSTGRES_URL = Pattern.compile("^(jdbc:postgresql://[^/?]+/)([^?]*)(\\?.*)?$");

    public enum Kind { H2, POSTGRESQL }

    private final Kind kind;
    private final List<Database> opened = new ArrayList<>();
    private String url;
    private String user;
    private String password;
    private Path h2Home;
    private String postgresAdminUrl;
    private String postgresName;

    private TestDatabase(Kind kind) {
        this.kind = kind;
    }

    public static TestDatabase h2() {
        return new TestDatabase(Kind.H2);
    }

    public static TestDatabase postgres() {
        return new TestDatabase(Kind.POSTGRESQL);
    }

    public Kind kind() {
        return kind;
    }

    /** Test options: the default retry policy, but short waits so that failure tests stay fast. */
    public static DatabaseOptions fastOptions() {
        return DatabaseOptions.defaults()
                .withRetry(RetryPolicy.defaults().withInitialBackoff(Duration.ofMillis(1)))
                .withConnectionTimeout(Duration.ofSeconds(5));
    }

    /** The JDBC URL of this test's own database (created on first call). */
    public synchronized String url() {
        create();
        return url;
    }

    /** Null when the URL carries the user. */
    public synchronized String user() {
        create();
        return user;
    }

    public synchronized String password() {
        create();
        return password;
    }

    /** An unpooled DataSource, as an integrator might supply. */
    public DataSource dataSource() {
        return new DriverManagerDataSource(url(), user(), password());
    }

    /** A raw JDBC connection, for checking what the database itself allows. */
    public Connection connect() throws SQLException {
        return dataSource().getConnection();
    }

    /** Opens (migrating it first) Signet's Database over this database, closed with this fixture. */
    public Database open() {
        return open(fastOptions());
    }

    /** Not synchronized while opening: tests open from several threads at once to race the migrations. */
    public Database open(DatabaseOptions options) {
        Database database = Database.open(url(), user(), password(), options);
        synchronized (this) {
            opened.add(database);
        }
        return database;
    }

    private void create() {
        if (url != null) {
            return;
        }
        if (kind == Kind.H2) {
            createH2();
        } else {
            createPostgres();
        }
    }

    private void createH2() {
        try {
            h2Home = Files.createTempDirectory("signet-h2-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        url = Database.h2FileUrl(h2Home);
        user = "signet";
        password = "";
    }

    private void createPostgres() {
        String adminUrl = System.getenv(POSTGRES_URL_VARIABLE);
        if (adminUrl == null || adminUrl.isBlank()) {
            Assumptions.abort(POSTGRES_NOT_PROVIDED);
        }
        Matcher parts = POSTGRES_URL.matcher(adminUrl.strip());
        if (!parts.matches()) {
            throw new IllegalArgumentException(POSTGRES_URL_VARIABLE
                    + " must look like jdbc:postgresql://HOST:PORT/DATABASE?user=USER, got " + adminUrl);
        }
        String name = "signet_test_" + HexFormat.of().formatHex(randomBytes(8));
        execute(adminUrl, "CREATE DATABASE " + name);
        postgresAdminUrl = adminUrl;
        postgresName = name;
        url = parts.group(1) + name + (parts.group(3) == null ? "" : parts.group(3));
    }

    @Override
    public synchronized void close() throws IOException {
        RuntimeException failure = null;
        for (Database database : opened) {
            try {
                database.close();
            } catch (RuntimeException e) {
                failure = e;
            }
        }
        opened.clear();
        if (postgresName != null) {
            execute(postgresAdminUrl, "DROP DATABASE IF EXISTS " + postgresName + " WITH (FORCE)");
            postgresName = null;
        }
        if (h2Home != null) {
            deleteRecursively(h2Home);
            h2Home = null;
        }
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public String toString() {
        return kind == Kind.H2 ? "H2" : "PostgreSQL";
    }

    /** Kind in lower case, e.g. for names of things made per database. */
    public String label() {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    private static void execute(String adminUrl, String sql) {
        try (Connection connection = DriverManager.getConnection(adminUrl);
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + POSTGRES_URL_VARIABLE + " failed: " + sql + ": "
                    + e.getMessage(), e);
        }
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static void deleteRecursively(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
