package dev.signet.benchmarks;

import dev.signet.adapters.persistence.db.Database;
import dev.signet.application.port.in.SecurityConfig;
import dev.signet.bootstrap.Signet;
import dev.signet.domain.key.KeyEncryptionKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Files, databases and Signet instances the benchmarks set up once per trial and throw away after it. */
final class Fixtures {
    static final long GIB = 1L << 30;
    static final int KIB4 = 4096;

    static final String POSTGRES_URL_VARIABLE = "SIGNET_BENCH_POSTGRES_URL";
    static final String POSTGRES_DEFAULT_URL =
            "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres&password=postgres";
    private static final Pattern POSTGRES_URL = Pattern.compile("^(jdbc:postgresql://[^/?]+/)([^?]*)(\\?.*)?$");
    private static final SecureRandom RANDOM = new SecureRandom();

    private Fixtures() {
    }

    static Path tempDirectory(String prefix) {
        try {
            return Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A file of {@code size} pseudo-random bytes (incompressible, not sparse), written through the page cache. */
    static Path randomFile(Path directory, String name, long size) {
        Path file = directory.resolve(name);
        SplittableRandom random = new SplittableRandom(RANDOM.nextLong());
        ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 20);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            long left = size;
            while (left > 0) {
                buffer.clear();
                while (buffer.remaining() >= Long.BYTES) {
                    buffer.putLong(random.nextLong());
                }
                buffer.flip();
                buffer.limit((int) Math.min(buffer.limit(), left));
                left -= buffer.remaining();
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    static void deleteRecursively(Path root) {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path directory, IOException e) throws IOException {
                    Files.delete(directory);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    static SecurityConfig softwareKekConfig() {
        return SecurityConfig.builder().keyEncryptionKey(KeyEncryptionKey.of(randomBytes(KeyEncryptionKey.LENGTH)))
                .build();
    }

    /** A Signet over a database of its own: H2 embedded in {@code home}, or a fresh PostgreSQL database. */
    static final class SignetUnderTest implements AutoCloseable {
        final Signet signet;
        final Path home;
        private final PostgresDatabase postgres;

        SignetUnderTest(Db db, SecurityConfig config) {
            this(db, config, UnaryOperator.identity());
        }

        /** @param more further settings, such as a PKCS#11 token */
        SignetUnderTest(Db db, SecurityConfig config, UnaryOperator<Signet.Builder> more) {
            this.home = tempDirectory("signet-bench-");
            this.postgres = db == Db.postgres ? PostgresDatabase.create() : null;
            Signet.Builder builder = Signet.builder().securityConfig(config);
            builder = postgres != null ? builder.jdbcUrl(postgres.url, null, null) : builder.embedded(home);
            this.signet = more.apply(builder).build();
        }

        /** The JDBC URL of the database Signet uses, for loading data behind its back. */
        String jdbcUrl() {
            return postgres != null ? postgres.url : Database.h2FileUrl(home);
        }

        /** Another Database over the same data, for setting up fixtures without audit events. */
        Database openDatabase() {
            return postgres != null ? Database.open(postgres.url, null, null) : Database.open(jdbcUrl(), "signet", "");
        }

        /** A plain JDBC connection to the same data, for bulk loading. */
        Connection connect() throws SQLException {
            return postgres != null ? DriverManager.getConnection(postgres.url)
                    : DriverManager.getConnection(jdbcUrl(), "signet", "");
        }

        @Override
        public void close() {
            try {
                signet.close();
            } finally {
                try {
                    if (postgres != null) {
                        postgres.drop();
                    }
                } finally {
                    deleteRecursively(home);
                }
            }
        }
    }

    /**
     * The PKCS#11 token of the HSM benchmarks, from SIGNET_BENCH_PKCS11_LIBRARY, _TOKEN and _PIN (./run-benchmarks
     * makes a fresh SoftHSM2 token and sets them).
     */
    record Token(Path library, String label, String pin) {
        static Token fromEnvironment() {
            return new Token(Path.of(required("SIGNET_BENCH_PKCS11_LIBRARY")), required("SIGNET_BENCH_PKCS11_TOKEN"),
                    required("SIGNET_BENCH_PKCS11_PIN"));
        }

        private static String required(String variable) {
            String value = System.getenv(variable);
            if (value == null || value.isBlank()) {
                throw new IllegalStateException(variable + " is not set: run the HSM benchmarks through ./run-benchmarks,"
                        + " which makes a SoftHSM2 token");
            }
            return value;
        }
    }

    /** signet_bench_RANDOM on the server of $SIGNET_BENCH_POSTGRES_URL, created for one trial and dropped after. */
    static final class PostgresDatabase {
        final String adminUrl;
        final String name;
        final String url;

        private PostgresDatabase(String adminUrl, String name, String url) {
            this.adminUrl = adminUrl;
            this.name = name;
            this.url = url;
        }

        static PostgresDatabase create() {
            String adminUrl = System.getenv().getOrDefault(POSTGRES_URL_VARIABLE, POSTGRES_DEFAULT_URL);
            Matcher matcher = POSTGRES_URL.matcher(adminUrl);
            if (!matcher.matches()) {
                throw new IllegalArgumentException(POSTGRES_URL_VARIABLE + " is not a jdbc:postgresql://HOST/DB URL: "
                        + adminUrl.replaceAll("password=[^&]*", "password=***"));
            }
            String name = "signet_bench_" + HexFormat.of().formatHex(randomBytes(6));
            String url = matcher.group(1) + name + (matcher.group(3) == null ? "" : matcher.group(3));
            execute(adminUrl, "CREATE DATABASE " + name);
            return new PostgresDatabase(adminUrl, name, url);
        }

        void drop() {
            execute(adminUrl, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }

        private static void execute(String url, String sql) {
            try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
                statement.execute(sql);
            } catch (SQLException e) {
                throw new IllegalStateException("PostgreSQL (" + POSTGRES_URL_VARIABLE + "): " + sql + ": " + e.getMessage(), e);
            }
        }
    }
}
