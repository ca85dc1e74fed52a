package dev.signet.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.adapters.persistence.db.OnEveryDatabase;
import dev.signet.adapters.persistence.db.TestDatabase;
import dev.signet.bootstrap.support.Cli;
import dev.signet.bootstrap.support.DatabaseArgs;
import dev.signet.bootstrap.support.Keks;
import dev.signet.domain.Hex;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11's scenario, through the CLI: acme and its child payments both trust K, acme grants payments, acme
 * revokes its own row for K. The revocation is a deny: it stops verification for acme although payments still
 * trusts K, and for holding, a parent reaching K only through acme; trusting K again in acme restores both.
 */
class DenyWinsCliTest {
    @TempDir
    Path dir;

    @OnEveryDatabase
    void an_organizations_revocation_denies_the_key_through_its_granted_child_until_it_trusts_it_again(TestDatabase db)
            throws Exception {
        Path kekFile = Keks.ownerOnly(Files.writeString(dir.resolve("kek"), Hex.encode(Keks.randomBytes())));
        Cli cli = new Cli(dir.resolve("home"), Map.of("SIGNET_KEY_ENCRYPTION_KEY_FILE", kekFile.toString()));
        Path pkg = Files.writeString(dir.resolve("plugin.so"), "a plugin");
        String acme = ok(cli.run(DatabaseArgs.on(db, "org", "create", "acme"))).strip();
        ok(cli.run(DatabaseArgs.on(db, "org", "create", "payments")));
        ok(cli.run(DatabaseArgs.on(db, "org", "create", "holding")));
        String[] created = ok(cli.run(DatabaseArgs.on(db, "key", "create", "--org", "payments", "--name", "k")))
                .strip().split(" ");
        String fingerprint = created[1];
        Path pem = dir.resolve("k.pem");
        ok(cli.run(DatabaseArgs.on(db, "key", "export", created[0], "--out", pem)));
        String acmesRow = ok(cli.run(DatabaseArgs.on(db, "trust", "add", "--org", "acme", "--pem", pem))).strip();
        ok(cli.run(DatabaseArgs.on(db, "trust", "add", "--org", "payments", "--pem", pem)));
        ok(cli.run(DatabaseArgs.on(db, "trust", "grant", "--parent", "acme", "--child", "payments")));
        ok(cli.run(DatabaseArgs.on(db, "trust", "grant", "--parent", "holding", "--child", "acme")));
        ok(cli.run(DatabaseArgs.on(db, "sign", pkg, "--key", created[0])));
        ok(cli.run(DatabaseArgs.on(db, "verify", pkg, "--org", "acme")));
        ok(cli.run(DatabaseArgs.on(db, "verify", pkg, "--org", "holding")));

        ok(cli.run(DatabaseArgs.on(db, "trust", "revoke", acmesRow)));

        assertUntrusted(cli.run(DatabaseArgs.on(db, "verify", pkg, "--org", "acme")));
        assertUntrusted(cli.run(DatabaseArgs.on(db, "verify", pkg, "--org", "holding")));
        ok(cli.run(DatabaseArgs.on(db, "verify", pkg, "--org", "payments"))); // the deny binds acme, not its child
        Cli.Result explained = cli.run(DatabaseArgs.on(db, "trust", "explain", "--org", "holding", fingerprint));
        assertUntrusted(explained);
        assertThat(explained.err()).contains("denied: " + acme + " revoked key " + fingerprint + " (trusted key "
                + acmesRow + ", at ");

        String acmesNewRow = ok(cli.run(DatabaseArgs.on(db, "trust", "add", "--org", "acme", "--pem", pem))).strip();

        ok(cli.run(DatabaseArgs.on(db, "verify", pkg, "--org", "acme")));
        ok(cli.run(DatabaseArgs.on(db, "verify", pkg, "--org", "holding")));
        assertThat(ok(cli.run(DatabaseArgs.on(db, "trust", "explain", "--org", "acme", fingerprint))).strip())
                .isEqualTo(acme + " -> key " + fingerprint + " (time basis: no trusted time: current time)");
        assertThat(ok(cli.run(DatabaseArgs.on(db, "trust", "list", "--org", "acme"))))
                .as("the revoked row stays as history").contains(acmesRow, acmesNewRow);
    }

    private static void assertUntrusted(Cli.Result result) {
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(4);
        assertThat(result.errLines()).as(result.toString()).singleElement()
                .satisfies(line -> assertThat(line).startsWith("UntrustedSigner: "));
    }

    private static String ok(Cli.Result result) {
        assertThat(result.exitCode()).as(result.toString()).isZero();
        return result.out();
    }
}
