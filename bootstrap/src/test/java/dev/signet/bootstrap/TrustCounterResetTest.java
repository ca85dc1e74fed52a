package dev.signet.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signet.adapters.persistence.db.OnEveryDatabase;
import dev.signet.adapters.persistence.db.TestDatabase;
import dev.signet.application.port.in.SignatureSource;
import dev.signet.bootstrap.support.SignedWorld;
import dev.signet.domain.key.SigningKey;
import dev.signet.domain.organization.OrganizationId;
import dev.signet.domain.trust.TrustedKey;
import dev.signet.domain.verification.UntrustedSigner;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.io.TempDir;

/**
 * A running Signet whose trust counter goes back (a restore, a failover to a replica that lags, a reset by hand)
 * while a key it trusted is revoked: its next verification sees the current trust. On H2 that is the very next
 * one (the counter is read each time); on PostgreSQL, where no NOTIFY announces such a change, the one after
 * the listener's read of the table after 1 s of quiet.
 */
class TrustCounterResetTest {
    /** The listener's recheck (1 s), its poll (0.1 s) and room for a busy machine. */
    private static final Duration LISTENER_RECHECK_WINDOW = Duration.ofSeconds(3);

    @TempDir
    Path dir;

    @OnEveryDatabase
    void a_counter_set_back_by_hand_while_the_key_is_revoked_stops_the_next_verification(TestDatabase db)
            throws Exception {
        try (SignedWorld world = new SignedWorld(db.url(), db.user(), db.password(), dir, true)) {
            Trusted trusted = trustedAndVerified(world);
            try (Connection connection = db.connect()) {
                connection.setAutoCommit(false);
                revokeByHand(connection, trusted.row());
                execute(connection, "UPDATE trust_version SET version = version - 2 WHERE id = 1");
                connection.commit();
            }
            assertVerificationStops(db, world, trusted);
        }
    }

    @OnEveryDatabase
    void a_restore_of_an_older_counter_and_epoch_stops_the_next_verification(TestDatabase db) throws Exception {
        try (SignedWorld world = new SignedWorld(db.url(), db.user(), db.password(), dir, true)) {
            long backupVersion;
            Object backupEpoch;
            try (Connection connection = db.connect(); Statement statement = connection.createStatement();
                    ResultSet row = statement.executeQuery("SELECT version, epoch FROM trust_version WHERE id = 1")) {
                assertThat(row.next()).isTrue();
                backupVersion = row.getLong(1); // the backup: taken before the key was trusted
                backupEpoch = row.getObject(2);
            }
            Trusted trusted = trustedAndVerified(world);
            try (Connection connection = db.connect()) {
                connection.setAutoCommit(false);
                revokeByHand(connection, trusted.row()); // the backup's trust does not have the key
                try (PreparedStatement restore = connection.prepareStatement(
                        "UPDATE trust_version SET version = ?, epoch = ? WHERE id = 1")) {
                    restore.setLong(1, backupVersion);
                    restore.setObject(2, backupEpoch);
                    assertThat(restore.executeUpdate()).isOne();
                }
                connection.commit();
            }
            assertVerificationStops(db, world, trusted);
        }
    }

    @OnEveryDatabase
    void a_counter_row_deleted_and_inserted_again_at_the_same_version_stops_the_next_verification(TestDatabase db)
            throws Exception {
        try (SignedWorld world = new SignedWorld(db.url(), db.user(), db.password(), dir, true)) {
            Trusted trusted = trustedAndVerified(world);
            try (Connection connection = db.connect()) {
                connection.setAutoCommit(false);
                long version;
                try (Statement statement = connection.createStatement();
                        ResultSet row = statement.executeQuery("SELECT version FROM trust_version WHERE id = 1")) {
                    assertThat(row.next()).isTrue();
                    version = row.getLong(1);
                }
                revokeByHand(connection, trusted.row());
                execute(connection, "DELETE FROM trust_version");
                execute(connection, "INSERT INTO trust_version (id, version) VALUES (1, " + version + ")");
                connection.commit();
            }
            assertVerificationStops(db, world, trusted);
        }
    }

    private record Trusted(OrganizationId org, TrustedKey row, Path pkg) {
    }

    /** A key trusted through two changes to trust, and verified, so that the running Signet holds it in memory. */
    private Trusted trustedAndVerified(SignedWorld world) throws Exception {
        OrganizationId org = world.org("acme");
        OrganizationId other = world.org("other");
        SigningKey key = world.key(org, "release");
        TrustedKey row = world.trust(org, key);
        world.signet.keyManager().grantTrust(org, other);
        Path pkg = world.signed(world.pkg("plugin.so", "a plugin"), key, true, false);
        assertThat(verify(world, pkg, org)).isNotNull();
        Thread.sleep(300); // on PostgreSQL the first verification started the listener: let it listen
        assertThat(verify(world, pkg, org)).isNotNull();
        return new Trusted(org, row, pkg);
    }

    private static void assertVerificationStops(TestDatabase db, SignedWorld world, Trusted trusted)
            throws InterruptedException {
        if (db.kind() == TestDatabase.Kind.POSTGRESQL) {
            long deadline = System.nanoTime() + LISTENER_RECHECK_WINDOW.toNanos();
            while (System.nanoTime() < deadline && passes(world, trusted)) {
                Thread.sleep(20);
            }
        }
        assertThatThrownBy(() -> verify(world, trusted.pkg(), trusted.org()))
                .as("the verification after the counter went back").isInstanceOf(UntrustedSigner.class);
        assertThatThrownBy(() -> verify(world, trusted.pkg(), trusted.org())).isInstanceOf(UntrustedSigner.class);
    }

    private static boolean passes(SignedWorld world, Trusted trusted) {
        try {
            verify(world, trusted.pkg(), trusted.org());
            return true;
        } catch (UntrustedSigner e) {
            return false;
        }
    }

    private static Object verify(SignedWorld world, Path pkg, OrganizationId org) {
        return world.signet.verifier().verifyPackage(pkg, org, SignatureSource.AUTO);
    }

    private static void revokeByHand(Connection connection, TrustedKey row) throws SQLException {
        try (PreparedStatement revoke = connection.prepareStatement(
                "UPDATE trusted_keys SET revoked_at = CURRENT_TIMESTAMP, active = NULL WHERE id = ?")) {
            revoke.setObject(1, row.id().value());
            assertThat(revoke.executeUpdate()).isOne();
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.executeUpdate(sql);
        }
    }
}
