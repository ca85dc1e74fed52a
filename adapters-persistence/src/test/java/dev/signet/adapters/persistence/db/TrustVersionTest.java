package dev.signet.adapters.persistence.db;

import static dev.signet.adapters.persistence.db.Samples.T0;
import static dev.signet.adapters.persistence.db.Samples.at;
import static dev.signet.adapters.persistence.db.Samples.grant;
import static dev.signet.adapters.persistence.db.Samples.organization;
import static dev.signet.adapters.persistence.db.Samples.publicKey;
import static dev.signet.adapters.persistence.db.Samples.trustedKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signet.application.port.out.TrustVersion;
import dev.signet.domain.Conflict;
import dev.signet.domain.organization.OrganizationId;
import dev.signet.domain.trust.TrustedKey;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The counter behind the trust cache: every committed change to trust moves it on, and nothing else does. */
class TrustVersionTest {

    private static OrganizationId orgIn(Database database, String name) {
        var org = organization(name);
        database.organizations().add(org);
        return org.id();
    }

    @OnEveryDatabase
    void every_change_to_trust_moves_the_version_on_and_a_refused_or_rolled_back_one_does_not(TestDatabase db) {
        Database database = db.open();
        TrustVersion version = database.trustVersion();
        OrganizationId parent = orgIn(database, "parent");
        OrganizationId child = orgIn(database, "child");
        long start = version.current().version();
        assertThat(version.current().version()).as("organizations are not trust").isEqualTo(start);

        TrustedKey key = trustedKey(parent, publicKey(), T0);
        database.trustedKeys().add(key);
        assertThat(version.current().version()).isEqualTo(start + 1);
        database.trustAcls().add(grant(parent, child, at(1)));
        assertThat(version.current().version()).isEqualTo(start + 2);
        assertThat(database.trustedKeys().markRevoked(key.id(), at(2))).isTrue();
        assertThat(version.current().version()).isEqualTo(start + 3);
        assertThat(database.trustAcls().markRevoked(parent, child, at(3))).isTrue();
        assertThat(version.current().version()).isEqualTo(start + 4);

        // nothing changed, nothing counted
        assertThat(database.trustedKeys().markRevoked(key.id(), at(4))).isFalse();
        assertThat(database.trustAcls().markRevoked(parent, child, at(4))).isFalse();
        TrustedKey active = trustedKey(parent, publicKey(), at(5));
        database.trustedKeys().add(active);
        assertThatThrownBy(() -> database.trustedKeys().add(trustedKey(parent, active.publicKey(), at(6))))
                .isInstanceOf(Conflict.class);
        assertThat(version.current().version()).isEqualTo(start + 5);
        assertThatThrownBy(() -> database.transactions().run(() -> {
            database.trustAcls().add(grant(child, parent, at(7)));
            throw new IllegalStateException("rolled back");
        })).hasMessage("rolled back");
        assertThat(version.current().version()).isEqualTo(start + 5);
        assertThat(version.latest()).isEqualTo(version.current());
    }

    @OnEveryDatabase
    void every_change_starts_a_new_epoch_and_a_reset_or_recreated_counter_never_repeats_a_stamp(TestDatabase db)
            throws Exception {
        Database database = db.open();
        TrustVersion version = database.trustVersion();
        OrganizationId org = orgIn(database, "acme");
        List<TrustVersion.Stamp> seen = new ArrayList<>(List.of(version.current()));
        for (int i = 0; i < 3; i++) {
            database.trustedKeys().add(trustedKey(org, publicKey(), at(i)));
            seen.add(version.current());
        }
        assertThat(seen).extracting(TrustVersion.Stamp::epoch).doesNotHaveDuplicates();

        long first = seen.get(0).version();
        try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
            statement.executeUpdate("UPDATE trust_version SET version = " + first + " WHERE id = 1");
            TrustVersion.Stamp reset = version.current();
            assertThat(reset.version()).isEqualTo(first);
            assertThat(seen).as("a counter reset by hand").doesNotContain(reset);
            seen.add(reset);

            long last = seen.get(3).version();
            statement.executeUpdate("DELETE FROM trust_version");
            statement.executeUpdate("INSERT INTO trust_version (id, version) VALUES (1, " + last + ")");
            TrustVersion.Stamp recreated = version.current();
            assertThat(recreated.version()).isEqualTo(last);
            assertThat(seen).as("a row deleted and inserted again, at the same version").doesNotContain(recreated);
        }
    }

    @Test
    void postgresql_listener_reports_a_counter_that_went_back() throws Exception {
        try (TestDatabase db = TestDatabase.postgres()) {
            Database listening = db.open();
            TrustVersion version = listening.trustVersion();
            OrganizationId org = orgIn(listening, "acme");
            listening.trustedKeys().add(trustedKey(org, publicKey(), T0));
            listening.trustedKeys().add(trustedKey(org, publicKey(), at(1)));
            version.latest();
            long before = awaitListening(version);
            assertThat(before).isGreaterThan(0);
            try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
                statement.executeUpdate("UPDATE trust_version SET version = 0 WHERE id = 1"); // as a restore would
            }
            // no notice: the listener's read after 1 s of quiet sees it, and takes it although it is lower
            assertThat(await(version, 0)).isZero();
            assertThat(version.latest()).isEqualTo(version.current());
        }
    }

    @Test
    void postgresql_pushes_a_change_committed_through_another_pool_without_a_query() throws Exception {
        try (TestDatabase db = TestDatabase.postgres()) {
            Database listening = db.open();
            Database other = db.open();
            TrustVersion version = listening.trustVersion();
            version.latest(); // starts the listener
            long before = awaitListening(version);
            OrganizationId org = orgIn(other, "acme");

            other.trustedKeys().add(trustedKey(org, publicKey(), T0));

            assertThat(await(version, before + 1)).isEqualTo(before + 1);
        }
    }

    @Test
    void postgresql_sees_a_change_made_by_hand_without_notify_at_the_listeners_next_read() throws Exception {
        try (TestDatabase db = TestDatabase.postgres()) {
            Database listening = db.open();
            TrustVersion version = listening.trustVersion();
            version.latest();
            long before = awaitListening(version);
            try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
                statement.executeUpdate("UPDATE trust_version SET version = version + 1 WHERE id = 1");
            }
            // the listener reads the table after 1 s of quiet; until then a hand edit is not seen
            assertThat(await(version, before + 1)).isEqualTo(before + 1);
        }
    }

    @Test
    void a_notice_with_a_made_up_version_changes_nothing() throws Exception {
        try (TestDatabase db = TestDatabase.postgres()) {
            Database listening = db.open();
            TrustVersion version = listening.trustVersion();
            version.latest();
            long before = awaitListening(version);
            try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
                statement.execute("NOTIFY signet_trust, '9223372036854775807'");
            }
            Thread.sleep(500); // the notice has long arrived and been acted on

            assertThat(version.latest().version()).isEqualTo(before);
        }
    }

    @Test
    void postgresql_falls_back_to_reading_the_table_while_the_listener_is_cut_off_then_listens_again() throws Exception {
        try (TestDatabase db = TestDatabase.postgres()) {
            Database listening = db.open();
            Database other = db.open();
            TrustVersion version = listening.trustVersion();
            version.latest();
            long before = awaitListening(version);
            try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
                statement.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                        + "WHERE query LIKE 'LISTEN%' AND datname = current_database()");
            }
            OrganizationId org = orgIn(other, "acme");
            other.trustedKeys().add(trustedKey(org, publicKey(), T0));
            // answered by the table while cut off (the listener notices the loss at its next poll, within
            // 100 ms), then by the listener once it listens again and has read the table
            assertThat(await(version, before + 1)).isEqualTo(before + 1);
            other.trustedKeys().add(trustedKey(org, publicKey(), at(1)));
            assertThat(await(version, before + 2)).isEqualTo(before + 2);
        }
    }

    @Test
    void the_listener_takes_no_connection_from_signets_own_pool() throws Exception {
        try (TestDatabase db = TestDatabase.postgres()) {
            DatabaseOptions fast = TestDatabase.fastOptions();
            Database database = db.open(new DatabaseOptions(fast.retry(), fast.connectionTimeout(), 1));
            TrustVersion version = database.trustVersion();
            version.latest();
            long before = awaitListening(version);

            // with the pool's one connection held by the listener, this would wait for the pool and fail
            database.trustedKeys().add(trustedKey(orgIn(database, "acme"), publicKey(), T0));

            assertThat(version.current().version()).isEqualTo(before + 1);
        }
    }

    @Test
    void a_listener_whose_network_goes_silent_stops_answering_within_seconds() throws Exception {
        try (TestDatabase db = TestDatabase.postgres()) {
            java.util.regex.Matcher server = java.util.regex.Pattern
                    .compile("^jdbc:postgresql://([^:/?]+):(\\d+)(/.*)$").matcher(db.url());
            assertThat(server.matches()).as(db.url()).isTrue();
            try (FreezingProxy proxy = new FreezingProxy(server.group(1), Integer.parseInt(server.group(2)))) {
                Database database = Database.open("jdbc:postgresql://127.0.0.1:" + proxy.port() + server.group(3),
                        null, null, TestDatabase.fastOptions());
                try {
                    TrustVersion version = database.trustVersion();
                    version.latest();
                    awaitListening(version);
                    var listener = (dev.signet.adapters.persistence.db.trust.DatabaseTrustVersion) version;

                    proxy.freeze();

                    long deadline = System.nanoTime() + Duration.ofSeconds(6).toNanos();
                    while (listener.isListening() && System.nanoTime() < deadline) {
                        Thread.sleep(20);
                    }
                    assertThat(listener.isListening())
                            .as("a listener cut off without an error no longer vouches for the trust version")
                            .isFalse();
                } finally {
                    proxy.close(); // lets the pool's close fail fast instead of waiting on a frozen line
                    database.close();
                }
            }
        }
    }

    /** Waits until the listener answers from its own state (it starts asynchronously). */
    private static long awaitListening(TrustVersion version) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        var listener = ((dev.signet.adapters.persistence.db.trust.DatabaseTrustVersion) version);
        while (!listener.isListening()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the trust change listener did not start listening within 10 s");
            }
            Thread.sleep(10);
        }
        return version.current().version();
    }

    /** The version {@code latest()} answers once it is {@code expected}, or after 10 s, whatever it then is. */
    private static long await(TrustVersion version, long expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        long seen = version.latest().version();
        while (seen != expected && System.nanoTime() < deadline) {
            Thread.sleep(5);
            seen = version.latest().version();
        }
        return seen;
    }
}
