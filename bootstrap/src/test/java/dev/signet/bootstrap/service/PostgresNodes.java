package dev.signet.bootstrap.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.adapters.persistence.db.TestDatabase;
import dev.signet.bootstrap.support.Cli;
import dev.signet.bootstrap.support.DatabaseArgs;
import dev.signet.bootstrap.support.Keks;
import dev.signet.domain.Hex;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Several {@code signet serve} nodes on one fresh PostgreSQL database, and the CLI an operator runs against the
 * same database (the store made, keys and trust revoked): what the tests of several nodes share.
 */
final class PostgresNodes implements AutoCloseable {
    private final Path dir;
    private final TestDatabase db = TestDatabase.postgres();
    private final Map<String, String> environment;
    private final Cli cli;
    private final List<ServiceNode> nodes = new ArrayList<>();

    PostgresNodes(Path dir) throws IOException {
        this.dir = dir;
        Path kek = Keks.ownerOnly(Files.writeString(dir.resolve("kek"), Hex.encode(Keks.randomBytes())));
        environment = Map.of("SIGNET_KEY_ENCRYPTION_KEY_FILE", kek.toString());
        cli = new Cli(dir.resolve("home"), environment);
    }

    /** The CLI on the nodes' database; asserts exit 0 and gives its output, stripped. */
    String ok(Object... args) {
        Cli.Result result = run(args);
        assertThat(result.exitCode()).as(result.toString()).isZero();
        return result.out().strip();
    }

    Cli.Result run(Object... args) {
        return cli.run(DatabaseArgs.on(db, args));
    }

    /** A node listening on a free loopback port, with a home of its own. */
    ServiceNode node(String name) throws IOException {
        Object[] args = DatabaseArgs.on(db, "serve", "--listen", "127.0.0.1:0");
        String[] command = java.util.Arrays.stream(args).map(String::valueOf).toArray(String[]::new);
        Map<String, String> env = new HashMap<>(environment);
        env.put("SIGNET_HOME", dir.resolve("home-" + name).toString());
        ServiceNode node = ServiceNode.start(dir, name, env, command);
        nodes.add(node);
        return node;
    }

    static HttpRequest post(ServiceNode node, String path, String token, String body) {
        return HttpRequest.newBuilder(node.resolve(path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").timeout(java.time.Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    /** One text column of every row a query gives, in order. */
    List<String> column(String sql, Object... parameters) throws Exception {
        List<String> values = new ArrayList<>();
        try (Connection connection = db.connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    values.add(rows.getString(1));
                }
            }
        }
        return values;
    }

    @Override
    public void close() throws Exception {
        for (ServiceNode node : nodes) {
            node.close();
        }
        db.close();
    }
}
