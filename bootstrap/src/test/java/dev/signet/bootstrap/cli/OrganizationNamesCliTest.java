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
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.io.TempDir;

/** Names never shadow ids: no organization is named with a UUID, and an ORG argument that is a UUID is an id. */
class OrganizationNamesCliTest {
    @TempDir
    Path dir;

    @OnEveryDatabase
    void an_organization_cannot_be_named_with_a_uuid_not_even_another_organizations_id(TestDatabase db)
            throws Exception {
        Cli cli = cli();
        String acme = ok(cli.run(DatabaseArgs.on(db, "org", "create", "acme"))).strip();
        for (String name : new String[] {acme, acme.toUpperCase(Locale.ROOT), " " + UUID.randomUUID() + " "}) {
            Cli.Result refused = cli.run(DatabaseArgs.on(db, "org", "create", name));
            assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(1);
            assertThat(refused.errLines()).as(refused.toString()).singleElement().asString()
                    .startsWith("AmbiguousOrganizationName: ").contains(name.strip());
        }
        assertThat(ok(cli.run(DatabaseArgs.on(db, "org", "list"))).lines()).singleElement().asString()
                .isEqualTo(acme + " acme");
    }

    @OnEveryDatabase
    void an_org_argument_that_is_a_uuid_only_ever_means_an_id(TestDatabase db) throws Exception {
        Cli cli = cli();
        String acme = ok(cli.run(DatabaseArgs.on(db, "org", "create", "acme"))).strip();
        ok(cli.run(DatabaseArgs.on(db, "key", "create", "--org", acme, "--name", "release")));
        assertThat(ok(cli.run(DatabaseArgs.on(db, "key", "list", "--org", acme.toUpperCase(Locale.ROOT)))))
                .contains("release");

        String nobody = UUID.randomUUID().toString();
        Cli.Result unknown = cli.run(DatabaseArgs.on(db, "key", "list", "--org", nobody));
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.errLines()).singleElement().asString().startsWith("NotFound: ").contains(nobody);
        // a name that is merely UUID-like (not the 8-4-4-4-12 form) is a name, never read as an id
        ok(cli.run(DatabaseArgs.on(db, "org", "create", "1-2-3-4-5")));
        ok(cli.run(DatabaseArgs.on(db, "key", "create", "--org", "1-2-3-4-5", "--name", "release")));
    }

    private Cli cli() throws Exception {
        Path kek = Keks.ownerOnly(Files.writeString(dir.resolve("kek"), Hex.encode(Keks.randomBytes())));
        return new Cli(dir.resolve("home"), Map.of("SIGNET_KEY_ENCRYPTION_KEY_FILE", kek.toString()));
    }

    private static String ok(Cli.Result result) {
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.err()).as(result.toString()).isEmpty();
        return result.out();
    }
}
