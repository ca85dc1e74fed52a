package dev.signet.bootstrap.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signet.adapters.persistence.db.TestDatabase;
import dev.signet.bootstrap.support.Cli;
import dev.signet.bootstrap.support.DatabaseArgs;
import dev.signet.bootstrap.support.Keks;
import dev.signet.bootstrap.support.Processes;
import dev.signet.domain.Hex;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mutual TLS through the real service: a client certificate issued by the --client-ca, whose subject a rule of
 * the identity configuration names, signs with the CLI as the client; a certificate of the same CA that no rule
 * names gets 403 and no .sig; the records name the certificate's subject as the actor.
 */
class ClientCertificateServiceProcessTest {
    @TempDir
    Path dir;

    @Test
    void a_client_certificate_a_rule_names_signs_and_one_no_rule_names_is_forbidden() throws Exception {
        try (TestDatabase db = TestDatabase.h2()) {
            Path kek = Keks.ownerOnly(Files.writeString(dir.resolve("kek"), Hex.encode(Keks.randomBytes())));
            Map<String, String> environment = new HashMap<>(Map.of("SIGNET_KEY_ENCRYPTION_KEY_FILE", kek.toString(),
                    "SIGNET_HOME", dir.resolve("home").toString()));
            Cli cli = new Cli(dir.resolve("home"), environment);
            String orgId = ok(cli.run(DatabaseArgs.on(db, "org", "create", "acme"))).strip();
            String keyId = ok(cli.run(DatabaseArgs.on(db, "key", "create", "--org", "acme", "--name", "release")))
                    .split(" ")[0];
            pki();
            Path identity = Files.writeString(dir.resolve("identity.json"), "{\"client_certificates\": [{\"subject\": "
                    + "\"CN=release-bot,O=Acme\", \"org\": \"" + orgId + "\", \"role\": \"signer\", \"keys\": [\"" + keyId
                    + "\"]}]}");
            List<String> args = new ArrayList<>();
            for (Object arg : DatabaseArgs.on(db, "serve", "--listen", "127.0.0.1:0", "--tls-cert", "server.pem",
                    "--tls-key", "server.key", "--client-ca", "ca.pem", "--identity-config", identity)) {
                args.add(arg.toString());
            }
            long before;
            try (ServiceNode node = ServiceNode.start(dir, "mtls", environment, args.toArray(String[]::new))) {
                before = 0;
                String url = "https://localhost:" + node.url.getPort();
                Path pkg = Files.writeString(dir.resolve("plugin.so"), "the plugin's bytes");
                Cli client = new Cli(dir.resolve("client-home"), Map.of());

                Cli.Result signed = client.run("sign", pkg, "--server", url, "--key", keyId, "--ca-file",
                        dir.resolve("ca.pem"), "--client-cert", dir.resolve("bot.pem"), "--client-key", dir.resolve("bot.key"));
                assertThat(signed.exitCode()).as(signed + "\nserver: " + node.stderr()).isZero();
                assertThat(Files.exists(dir.resolve("plugin.so.sig"))).isTrue();

                Path other = Files.writeString(dir.resolve("other.so"), "other bytes");
                Cli.Result intruder = client.run("sign", other, "--server", url, "--key", keyId, "--ca-file",
                        dir.resolve("ca.pem"), "--client-cert", dir.resolve("intruder.pem"), "--client-key",
                        dir.resolve("intruder.key"));
                assertThat(intruder.exitCode()).as(intruder.toString()).isEqualTo(1);
                assertThat(intruder.errLines()).singleElement().asString().startsWith("Forbidden: ").contains("403");
                assertThat(Files.exists(dir.resolve("other.so.sig"))).isFalse();
                assertThat(node.terminate()).isZero();
            }
            List<JsonNode> signedRecords = new ArrayList<>();
            try (Connection connection = db.connect(); Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT payload FROM audit_events WHERE event_type = "
                            + "'package.signed' AND position > " + before + " ORDER BY position")) {
                while (rows.next()) {
                    signedRecords.add(new ObjectMapper().readTree(rows.getString(1)));
                }
            }
            assertThat(signedRecords).singleElement().satisfies(record -> {
                assertThat(record.path("actor_kind").asText()).isEqualTo("client_certificate");
                assertThat(record.path("actor_id").asText()).isEqualTo("CN=release-bot,O=Acme");
                assertThat(record.path("client_address").asText()).isNotBlank();
                assertThat(record.path("request_id").asText()).startsWith("cli-");
            });
        }
    }

    private static String ok(Cli.Result result) {
        assertThat(result.exitCode()).as(result.toString()).isZero();
        return result.out();
    }

    /** A CA, the server's certificate, and two client certificates it issued: release-bot's and an intruder's. */
    private void pki() throws Exception {
        Files.writeString(dir.resolve("server.ext"), "subjectAltName=IP:127.0.0.1,DNS:localhost\n");
        Files.writeString(dir.resolve("client.ext"), "extendedKeyUsage=clientAuth\n");
        Processes.ok(dir, "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-keyout", "ca.key", "-out", "ca.pem", "-days", "1", "-subj", "/CN=Signet Test CA");
        issue("server", "/CN=localhost", "server.ext");
        issue("bot", "/O=Acme/CN=release-bot", "client.ext");
        issue("intruder", "/O=Acme/CN=intruder", "client.ext");
    }

    private void issue(String name, String subject, String extensions) throws Exception {
        Processes.ok(dir, "openssl", "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-keyout", name + ".key", "-out", name + ".csr", "-subj", subject);
        Processes.ok(dir, "openssl", "x509", "-req", "-in", name + ".csr", "-CA", "ca.pem", "-CAkey", "ca.key",
                "-CAcreateserial", "-out", name + ".pem", "-days", "1", "-extfile", extensions);
        Keks.ownerOnly(dir.resolve(name + ".key"));
    }
}
