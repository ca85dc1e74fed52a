package dev.signet.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signet.adapters.persistence.db.OnEveryDatabase;
import dev.signet.adapters.persistence.db.TestDatabase;
import dev.signet.bootstrap.support.Cli;
import dev.signet.bootstrap.support.DatabaseArgs;
import dev.signet.bootstrap.support.Keks;
import dev.signet.bootstrap.support.tsa.BouncyCastleTsa;
import dev.signet.domain.Hex;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;

/**
 * A signature recorded in the database keeps its timestamp token (issue 14): verifying from the stored signatures
 * ({@code verify --source database}) judges it at its trusted time, as verifying its .sig does. After the key is
 * retired, the timestamped stored signature still verifies; the untimestamped one fails as UntrustedSigner.
 */
class StoredTimestampCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @OnEveryDatabase
    void a_retired_keys_timestamped_stored_signature_still_verifies_from_the_database(TestDatabase db)
            throws Exception {
        Path kekFile = Keks.ownerOnly(Files.writeString(dir.resolve("kek"), Hex.encode(Keks.randomBytes())));
        Cli cli = new Cli(dir.resolve("home"), Map.of("SIGNET_KEY_ENCRYPTION_KEY_FILE", kekFile.toString()));
        try (BouncyCastleTsa tsa = new BouncyCastleTsa(dir.resolve("tsa"), "Stored")) {
            ok(cli, db, "org", "create", "acme");
            String keyId = ok(cli, db, "key", "create", "--org", "acme", "--name", "release").split(" ")[0];
            Path pem = dir.resolve("release.pem");
            ok(cli, db, "key", "export", keyId, "--out", pem);
            String trustedKeyId = ok(cli, db, "trust", "add", "--org", "acme", "--pem", pem).strip();
            ok(cli, db, "trust", "tsa", "add", "--org", "acme", "--pem", tsa.caCertificate());
            Path stamped = Files.writeString(dir.resolve("stamped.so"), "signed with a timestamp");
            Path unstamped = Files.writeString(dir.resolve("unstamped.so"), "signed without one");
            ok(cli, db, "sign", stamped, "--key", keyId, "--tsa-url", tsa.url());
            ok(cli, db, "sign", unstamped, "--key", keyId);
            // only the database holds the signatures from here on
            Files.delete(dir.resolve("stamped.so.sig"));
            Files.delete(dir.resolve("unstamped.so.sig"));
            JsonNode before = JSON.readTree(ok(cli, db, "verify", stamped, "--org", "acme", "--source", "database",
                    "--json"));
            assertThat(before.get("source").asText()).isEqualTo("database");
            assertThat(before.get("time_basis").get("kind").asText()).isEqualTo("trusted_time");

            ok(cli, db, "trust", "revoke", trustedKeyId, "--reason", "retired");

            JsonNode after = JSON.readTree(ok(cli, db, "verify", stamped, "--org", "acme", "--source", "database",
                    "--json"));
            assertThat(after.get("time_basis").get("kind").asText()).isEqualTo("trusted_time");
            assertThat(after.get("time_basis").get("time").asText())
                    .isEqualTo(before.get("time_basis").get("time").asText());
            Cli.Result untimestamped = cli.run(DatabaseArgs.on(db, "verify", unstamped, "--org", "acme", "--source",
                    "database"));
            assertThat(untimestamped.exitCode()).as(untimestamped.toString()).isEqualTo(4);
            assertThat(untimestamped.err()).startsWith("UntrustedSigner: ");
        }
    }

    private static String ok(Cli cli, TestDatabase db, Object... args) {
        Cli.Result result = cli.run(DatabaseArgs.on(db, args));
        assertThat(result.exitCode()).as(result.toString()).isZero();
        return result.out();
    }
}
