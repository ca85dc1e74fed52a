package dev.signet.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signet.adapters.persistence.db.OnEveryDatabase;
import dev.signet.adapters.persistence.db.TestDatabase;
import dev.signet.application.port.in.LoadPackageUseCase.LoadedPackage;
import dev.signet.application.port.in.SignatureSource;
import dev.signet.application.port.out.AuditUnavailable;
import dev.signet.bootstrap.support.DatabaseArgs;
import dev.signet.bootstrap.support.Processes;
import dev.signet.bootstrap.support.SignedWorld;
import dev.signet.domain.audit.AuditRecord;
import dev.signet.domain.key.SigningKey;
import dev.signet.domain.organization.OrganizationId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;

/**
 * A verification or load reports success only once its durable record is in the chain: when the record cannot
 * be made durable the operation fails with AuditUnavailable, and no input makes a record unwritable.
 */
class NothingSucceedsUnrecordedTest {
    private static final String DAMAGE_THE_HEAD =
            "UPDATE audit_chain_head SET last_hash = (SELECT hash FROM audit_events WHERE position = 1)";

    @TempDir
    Path dir;

    @OnEveryDatabase
    void with_the_chain_head_damaged_a_verification_and_a_load_fail_instead_of_succeeding_unrecorded(
            TestDatabase db) throws Exception {
        try (SignedWorld world = new SignedWorld(db.url(), db.user(), db.password(), dir, true)) {
            OrganizationId org = world.org("acme");
            SigningKey key = world.key(org, "release");
            world.trust(org, key);
            Path pkg = world.signed(world.pkg("app.so", "app"), key, true, false);
            world.signet.verifier().verifyPackage(pkg, org, SignatureSource.AUTO);

            execute(db, DAMAGE_THE_HEAD);

            assertThatThrownBy(() -> world.signet.verifier().verifyPackage(pkg, org, SignatureSource.AUTO))
                    .isInstanceOf(AuditUnavailable.class)
                    .hasMessageStartingWith("the database refuses the audit record of verification.success at ")
                    .hasMessageContaining("does not match the chain head");
            assertThatThrownBy(() -> world.signet.packageLoader().load(pkg, org)).isInstanceOf(AuditUnavailable.class);
        }
    }

    @OnEveryDatabase
    void a_verification_whose_record_the_database_refuses_fails_and_no_other_does(TestDatabase db) throws Exception {
        try (SignedWorld world = new SignedWorld(db.url(), db.user(), db.password(), dir, true)) {
            OrganizationId refusing = world.org("refusing");
            OrganizationId other = world.org("other");
            SigningKey key = world.key(refusing, "release");
            String pem = world.signet.keyManager().exportPublicKey(key.id()).publicKeyPem();
            world.signet.keyManager().trustPublicKeyPem(refusing, pem, "refuse me"); // the signer_name of its records
            world.signet.keyManager().trustPublicKeyPem(other, pem, "fine");
            Path pkg = world.signed(world.pkg("app.so", "app"), key, true, false);
            // the trust's own record (key_name) is in already; the constraint refuses only verifications
            execute(db, "ALTER TABLE audit_events ADD CONSTRAINT ck_test_refused"
                    + " CHECK (payload NOT LIKE '%\"signer_name\":\"refuse me\"%')");

            assertThatThrownBy(() -> world.signet.verifier().verifyPackage(pkg, refusing, SignatureSource.AUTO))
                    .isInstanceOf(AuditUnavailable.class)
                    .hasMessageStartingWith("the database refuses the audit record of verification.success at ");
            world.signet.verifier().verifyPackage(pkg, other, SignatureSource.AUTO);

            assertThat(world.signet.audit().list(Optional.of("verification.success"), Optional.empty()))
                    .singleElement().extracting(AuditRecord::payload).asString().contains(other.toString());
        }
    }

    /** The reproduced case: the record of a load from such a path used to exceed its column and be dropped. */
    @OnEveryDatabase
    void a_package_under_a_path_of_2793_control_characters_loads_and_its_record_says_the_path_was_cut(
            TestDatabase db) throws Exception {
        try (SignedWorld world = new SignedWorld(db.url(), db.user(), db.password(), dir, true)) {
            OrganizationId org = world.org("acme");
            SigningKey key = world.key(org, "release");
            world.trust(org, key);
            Path signedHere = world.signed(world.pkg("app.so", "app"), key, true, false);
            Path deep = dir;
            for (int i = 0; i < 14; i++) {
                deep = deep.resolve(String.valueOf((char) (1 + i)).repeat(200));
            }
            Files.createDirectories(deep);
            Path pkg = Files.copy(signedHere, deep.resolve("\u0007".repeat(10)));
            Files.copy(Path.of(signedHere + ".sig"), Path.of(pkg + ".sig"));
            assertThat(pkg.toString().chars().filter(c -> c < 0x20).count()).isGreaterThanOrEqualTo(2_793);

            LoadedPackage loaded = world.signet.packageLoader().load(pkg, org);
            Files.delete(loaded.path());

            assertThat(world.signet.audit().list(Optional.of("package.load.success"), Optional.empty()))
                    .singleElement().extracting(AuditRecord::payload).asString()
                    .contains("\"package_path_truncated\":true", "\"package_path_sha256\":\"");
            assertThat(world.signet.audit().verify().isWhole()).isTrue();
        }
    }

    /** The CLI's diagnostics go to HOME/signet.log (CliLogbackConfigurator), never to stderr through java.util.logging. */
    @OnEveryDatabase
    void the_audit_writers_warning_goes_to_signets_log_and_the_cli_prints_one_error_line(TestDatabase db)
            throws Exception {
        Path pkg;
        try (SignedWorld world = new SignedWorld(db.url(), db.user(), db.password(), dir, true)) {
            OrganizationId org = world.org("acme");
            SigningKey key = world.key(org, "release");
            world.trust(org, key);
            pkg = world.signed(world.pkg("app.so", "app"), key, true, false);
        }
        execute(db, DAMAGE_THE_HEAD);
        Path home = dir.resolve("home");

        Object[] args = DatabaseArgs.on(db, "verify", pkg, "--org", "acme", "--home", home);
        Processes.Result verified = Processes.signet(dir, List.of(),
                Stream.of(args).map(String::valueOf).toArray(String[]::new));

        assertThat(verified.exitCode()).as(verified.output()).isEqualTo(1);
        assertThat(verified.output().lines()).as("stdout and stderr").singleElement().asString()
                .startsWith("AuditUnavailable: the database refuses the audit record of verification.success");
        assertThat(Files.readString(home.resolve("signet.log")))
                .contains("ERROR", "DeferredAuditWriter", "the database refuses the audit record of verification.success");
    }

    private static void execute(TestDatabase db, String sql) throws Exception {
        try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
