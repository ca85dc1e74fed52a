package dev.signet.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.adapters.persistence.db.OnEveryDatabase;
import dev.signet.adapters.persistence.db.TestDatabase;
import dev.signet.bootstrap.support.DatabaseArgs;
import dev.signet.bootstrap.support.Cli;
import dev.signet.bootstrap.support.Keks;
import dev.signet.domain.Hex;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The org, key, trust, sign and kek commands of cli.md, on H2 and PostgreSQL (--db-url) and the embedded default. */
class KeyStoreCliTest {
    @TempDir
    Path dir;

    @OnEveryDatabase
    void the_whole_key_store_flow_through_the_cli(TestDatabase db) throws Exception {
        flow(args -> DatabaseArgs.on(db, args));
    }

    @Test
    void the_whole_key_store_flow_on_the_embedded_default() throws Exception {
        flow(args -> args);
        assertThat(dir.resolve("home")).isDirectoryContaining(path -> path.getFileName().toString().startsWith("signet"));
    }

    private void flow(java.util.function.UnaryOperator<Object[]> database) throws Exception {
        Path kekFile = Keks.ownerOnly(Files.writeString(dir.resolve("kek"), Hex.encode(Keks.randomBytes())));
        Cli cli = new Cli(dir.resolve("home"), Map.of("SIGNET_KEY_ENCRYPTION_KEY_FILE", kekFile.toString()));
        Path pkg = Files.writeString(dir.resolve("plugin.so"), "a plugin");

        String orgId = ok(cli.run(database.apply(args("org", "create", "acme")))).strip();
        ok(cli.run(database.apply(args("org", "create", "acme-child"))));
        assertThat(ok(cli.run(database.apply(args("org", "list", "--json")))))
                .startsWith("[{").contains("\"id\":\"" + orgId + "\"", "\"name\":\"acme\"");
        Cli.Result duplicate = cli.run(database.apply(args("org", "create", "acme")));
        assertThat(duplicate.exitCode()).as(duplicate.toString()).isEqualTo(1);
        assertThat(duplicate.err()).startsWith("Conflict: ");

        String[] created = ok(cli.run(database.apply(args("key", "create", "--org", "acme", "--name", "release-v1"))))
                .strip().split(" ");
        String keyId = created[0];
        String fingerprint = created[1];
        assertThat(fingerprint).hasSize(64);
        assertThat(ok(cli.run(database.apply(args("key", "list", "--org", orgId))))).contains(keyId, fingerprint,
                "release-v1", "software");

        Path pem = dir.resolve("release-v1.pem");
        ok(cli.run(database.apply(args("key", "export", keyId, "--out", pem))));
        assertThat(Files.readString(pem)).startsWith("-----BEGIN PUBLIC KEY-----\n");
        assertThat(ok(cli.run(database.apply(args("key", "export", keyId))))).contains("BEGIN PUBLIC KEY");

        String trustedId = ok(cli.run(database.apply(args("trust", "add", "--org", "acme-child", "--pem", pem,
                "--label", "Release Key")))).strip();
        assertThat(ok(cli.run(database.apply(args("trust", "list", "--org", "acme-child", "--json")))))
                .contains("\"id\":\"" + trustedId + "\"", "\"fingerprint\":\"" + fingerprint + "\"");
        ok(cli.run(database.apply(args("trust", "grant", "--parent", "acme", "--child", "acme-child"))));
        assertThat(ok(cli.run(database.apply(args("trust", "list", "--org", "acme"))))).contains("grant " + orgId);

        assertThat(ok(cli.run(database.apply(args("sign", pkg, "--key", keyId, "--json")))))
                .contains("\"key_fingerprint\":\"" + fingerprint + "\"");
        assertThat(ok(cli.run("verify", pkg, "--public-key", pem))).contains(fingerprint);

        Path nextKek = Keks.ownerOnly(Files.writeString(dir.resolve("next-kek"), Hex.encode(Keks.randomBytes())));
        assertThat(ok(cli.run(database.apply(args("kek", "rotate", "--new-kek-file", nextKek)))))
                .startsWith("re-wrapped 1 software keys");
        Cli.Result oldKek = cli.run(database.apply(args("sign", pkg, "--key", keyId)));
        assertThat(oldKek.exitCode()).isEqualTo(1);
        assertThat(oldKek.err()).startsWith("WrongKeyEncryptionKey: ");
        ok(cli.run(database.apply(args("sign", pkg, "--key", keyId, "--kek-file", nextKek, "--no-store"))));

        ok(cli.run(database.apply(args("trust", "ungrant", "--parent", "acme", "--child", "acme-child"))));
        ok(cli.run(database.apply(args("trust", "revoke", trustedId))));
        ok(cli.run(database.apply(args("key", "revoke", keyId))));
        Cli.Result revoked = cli.run(database.apply(args("sign", pkg, "--key", keyId, "--kek-file", nextKek)));
        assertThat(revoked.exitCode()).isEqualTo(1);
        assertThat(revoked.errLines()).singleElement().asString().startsWith("SigningKeyRevoked: ");

        Cli.Result noKek = new Cli(dir.resolve("home")).run(database.apply(args("key", "create", "--org", "acme",
                "--name", "k2")));
        assertThat(noKek.exitCode()).isEqualTo(1);
        assertThat(noKek.err()).startsWith("KeyEncryptionKeyRequired: ");
        Cli.Result unknownOrg = cli.run(database.apply(args("key", "list", "--org", "nobody")));
        assertThat(unknownOrg.exitCode()).isEqualTo(1);
        assertThat(unknownOrg.err()).startsWith("NotFound: ");
    }

    private static Object[] args(Object... args) {
        return args;
    }


    private static String ok(Cli.Result result) {
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.err()).as(result.toString()).isEmpty();
        return result.out();
    }
}
