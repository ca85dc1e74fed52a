package dev.signet.adapters.persistence.db;

import static dev.signet.adapters.persistence.db.Samples.T0;
import static dev.signet.adapters.persistence.db.Samples.at;
import static dev.signet.adapters.persistence.db.Samples.organization;
import static dev.signet.adapters.persistence.db.Samples.publicKey;
import static dev.signet.adapters.persistence.db.Samples.trustedKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signet.application.port.out.TrustedKeyRepository;
import dev.signet.domain.Conflict;
import dev.signet.domain.key.Ed25519PublicKey;
import dev.signet.domain.organization.OrganizationId;
import dev.signet.domain.revocation.Revocation;
import dev.signet.domain.trust.TrustedKey;
import dev.signet.domain.trust.ValidityWindow;
import dev.signet.domain.trust.TrustedKeyId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

class TrustedKeyRepositoryTest {

    private static OrganizationId orgIn(Database database, String name) {
        var org = organization(name);
        database.organizations().add(org);
        return org.id();
    }

    @OnEveryDatabase
    void a_trusted_key_round_trips_with_and_without_a_label(TestDatabase db) {
        Database database = db.open();
        TrustedKeyRepository keys = database.trustedKeys();
        OrganizationId org = orgIn(database, "acme");
        TrustedKey labelled = trustedKey(org, publicKey(), T0);
        TrustedKey unlabelled = new TrustedKey(TrustedKeyId.random(), org, publicKey(), Optional.empty(), at(1),
                Optional.empty());

        keys.add(labelled);
        keys.add(unlabelled);

        assertThat(keys.findById(labelled.id())).contains(labelled);
        assertThat(keys.findById(unlabelled.id())).contains(unlabelled);
        assertThat(keys.findById(TrustedKeyId.random())).isEmpty();
        assertThat(keys.listByOrganization(org)).containsExactly(labelled, unlabelled);
    }

    @OnEveryDatabase
    void a_validity_window_and_a_revocation_with_its_reason_and_effective_time_round_trip(TestDatabase db) {
        Database database = db.open();
        TrustedKeyRepository keys = database.trustedKeys();
        OrganizationId org = orgIn(database, "acme");
        TrustedKey windowed = new TrustedKey(TrustedKeyId.random(), org, publicKey(), Optional.empty(), T0,
                new ValidityWindow(Optional.of(at(-86_400)), Optional.of(at(86_400))), Optional.empty());
        TrustedKey halfOpen = new TrustedKey(TrustedKeyId.random(), org, publicKey(), Optional.empty(), T0,
                new ValidityWindow(Optional.empty(), Optional.of(at(60))), Optional.empty());
        keys.add(windowed);
        keys.add(halfOpen);
        Revocation compromised = Revocation.compromised(at(-7200), at(100));

        assertThat(keys.markRevoked(windowed.id(), compromised)).isTrue();
        assertThat(keys.markRevoked(windowed.id(), Revocation.retired(at(200)))).as("already revoked").isFalse();

        assertThat(keys.findById(windowed.id())).contains(windowed.revoked(compromised));
        assertThat(keys.findById(halfOpen.id())).contains(halfOpen);
        assertThat(keys.listActiveAndDeniedByOrganizations(List.of(org)))
                .containsExactlyInAnyOrder(windowed.revoked(compromised), halfOpen);
    }

    @OnEveryDatabase
    void a_revocation_is_widened_only_while_it_is_still_the_one_the_caller_widened(TestDatabase db) {
        Database database = db.open();
        TrustedKeyRepository keys = database.trustedKeys();
        OrganizationId org = orgIn(database, "acme");
        TrustedKey key = trustedKey(org, publicKey(), T0);
        keys.add(key);
        Revocation retired = Revocation.retired(at(100));
        Revocation compromised = Revocation.compromised(at(50), at(200));
        assertThat(keys.widenRevocation(key.id(), retired, compromised)).as("not revoked yet").isFalse();
        keys.markRevoked(key.id(), retired);

        assertThat(keys.widenRevocation(key.id(), retired, compromised)).isTrue();
        assertThat(keys.widenRevocation(key.id(), retired, Revocation.compromised(at(10), at(300))))
                .as("no longer the retirement").isFalse();

        assertThat(keys.findById(key.id()).orElseThrow().revocation()).contains(compromised);
    }

    @OnEveryDatabase
    void trusting_a_fingerprint_the_organization_already_trusts_is_a_conflict(TestDatabase db) {
        Database database = db.open();
        TrustedKeyRepository keys = database.trustedKeys();
        OrganizationId org = orgIn(database, "acme");
        Ed25519PublicKey key = publicKey();
        keys.add(trustedKey(org, key, T0));

        assertThatThrownBy(() -> keys.add(trustedKey(org, key, at(1))))
                .isInstanceOf(Conflict.class)
                .hasMessage("organization " + org + " already trusts key " + key.fingerprint().hex());
    }

    @OnEveryDatabase
    void two_organizations_may_trust_the_same_key(TestDatabase db) {
        Database database = db.open();
        Ed25519PublicKey key = publicKey();
        database.trustedKeys().add(trustedKey(orgIn(database, "a"), key, T0));
        database.trustedKeys().add(trustedKey(orgIn(database, "b"), key, T0));
    }

    @OnEveryDatabase
    void revoking_a_trusted_key_sets_its_time_once(TestDatabase db) {
        Database database = db.open();
        TrustedKeyRepository keys = database.trustedKeys();
        TrustedKey key = trustedKey(orgIn(database, "acme"), publicKey(), T0);
        keys.add(key);

        assertThat(keys.markRevoked(key.id(), at(5))).isTrue();
        assertThat(keys.markRevoked(key.id(), at(6))).isFalse();
        assertThat(keys.markRevoked(TrustedKeyId.random(), at(6))).isFalse();

        assertThat(keys.findById(key.id()).orElseThrow().revokedAt()).contains(at(5));
    }

    @OnEveryDatabase
    void a_revoked_key_can_be_trusted_anew_and_history_keeps_every_row(TestDatabase db) {
        Database database = db.open();
        TrustedKeyRepository keys = database.trustedKeys();
        OrganizationId org = orgIn(database, "acme");
        Ed25519PublicKey key = publicKey();
        TrustedKey first = trustedKey(org, key, T0);
        TrustedKey second = trustedKey(org, key, at(10));
        TrustedKey third = trustedKey(org, key, at(20));

        keys.add(first);
        keys.markRevoked(first.id(), at(5));
        keys.add(second);
        keys.markRevoked(second.id(), at(15));
        keys.add(third);

        List<TrustedKey> history = keys.listByOrganization(org);
        assertThat(history).extracting(TrustedKey::id).containsExactly(first.id(), second.id(), third.id());
        assertThat(history).extracting(TrustedKey::isActive).containsExactly(false, false, true);
        assertThat(keys.listActiveAndDeniedByOrganizations(List.of(org)))
                .as("a fingerprint trusted again is no deny: its revoked rows are history only").containsExactly(third);
    }

    @OnEveryDatabase
    void active_keys_and_denies_are_listed_for_exactly_the_organizations_asked(TestDatabase db) {
        Database database = db.open();
        TrustedKeyRepository keys = database.trustedKeys();
        OrganizationId a = orgIn(database, "a");
        OrganizationId b = orgIn(database, "b");
        OrganizationId c = orgIn(database, "c");
        TrustedKey ofA = trustedKey(a, publicKey(), T0);
        TrustedKey revokedOfA = trustedKey(a, publicKey(), at(1));
        TrustedKey ofB = trustedKey(b, publicKey(), at(2));
        TrustedKey ofC = trustedKey(c, publicKey(), at(3));
        keys.add(ofA);
        keys.add(revokedOfA);
        keys.add(ofB);
        keys.add(ofC);
        keys.markRevoked(revokedOfA.id(), at(4));

        TrustedKey denyOfA = new TrustedKey(revokedOfA.id(), a, revokedOfA.publicKey(), revokedOfA.label(),
                revokedOfA.addedAt(), Optional.of(at(4)));
        assertThat(keys.listActiveAndDeniedByOrganizations(List.of(a, b, a))).containsExactly(ofA, denyOfA, ofB);
        assertThat(keys.listActiveAndDeniedByOrganizations(List.of(c))).containsExactly(ofC);
        assertThat(keys.listActiveAndDeniedByOrganizations(List.of())).isEmpty();
        assertThat(keys.listActiveAndDeniedByOrganizations(List.of(OrganizationId.random()))).isEmpty();
    }

    @OnEveryDatabase
    void trusting_a_key_for_a_missing_organization_is_a_conflict_naming_it(TestDatabase db) {
        TrustedKeyRepository keys = db.open().trustedKeys();
        OrganizationId missing = OrganizationId.random();

        assertThatThrownBy(() -> keys.add(trustedKey(missing, publicKey(), T0)))
                .isInstanceOf(Conflict.class)
                .hasMessage("organization " + missing + " does not exist");
    }

    /** The portable "one active row" trick rests on NULLs being distinct in unique constraints. */
    @OnEveryDatabase
    void the_database_allows_revoked_duplicates_but_not_active_ones(TestDatabase db) throws SQLException {
        Database database = db.open();
        OrganizationId org = orgIn(database, "acme");
        try (Connection connection = db.connect()) {
            insertRaw(connection, org, "a".repeat(64), true);
            insertRaw(connection, org, "a".repeat(64), false);
            insertRaw(connection, org, "a".repeat(64), false);
            assertThatThrownBy(() -> insertRaw(connection, org, "a".repeat(64), true))
                    .isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("23505"));
        }
        assertThat(database.trustedKeys().listByOrganization(org)).hasSize(3);
    }

    @OnEveryDatabase
    void the_database_refuses_a_revocation_without_a_reason_or_taking_effect_after_it_was_recorded(TestDatabase db)
            throws SQLException {
        Database database = db.open();
        OrganizationId org = orgIn(database, "acme");
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        try (Connection connection = db.connect()) {
            for (String reasonAndEffective : List.of("NULL, NULL", "'lost', ?", "'compromised', ?")) {
                try (PreparedStatement insert = connection.prepareStatement("INSERT INTO trusted_keys"
                        + " (id, org_id, public_key, fingerprint, added_at, revoked_at, active, revocation_reason,"
                        + " revocation_effective_at) VALUES (?, ?, ?, ?, ?, ?, NULL, " + reasonAndEffective + ")")) {
                    insert.setObject(1, UUID.randomUUID());
                    insert.setObject(2, org.value());
                    insert.setBytes(3, new byte[32]);
                    insert.setString(4, "c".repeat(64));
                    insert.setObject(5, now);
                    insert.setObject(6, now);
                    if (reasonAndEffective.endsWith("?")) {
                        insert.setObject(7, reasonAndEffective.startsWith("'lost'") ? now : now.plusSeconds(1));
                    }
                    RawJdbc.assertRefusedByCheck(insert::executeUpdate, "ck_trusted_keys_revocation");
                }
            }
        }
    }

    @OnEveryDatabase
    void the_database_refuses_an_active_flag_that_disagrees_with_revocation(TestDatabase db) throws SQLException {
        Database database = db.open();
        OrganizationId org = orgIn(database, "acme");
        try (Connection connection = db.connect();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO trusted_keys"
                     + " (id, org_id, public_key, fingerprint, added_at, revoked_at, active, revocation_reason,"
                     + " revocation_effective_at) VALUES (?, ?, ?, ?, ?, ?, TRUE, 'compromised', ?)")) {
            insert.setObject(1, UUID.randomUUID());
            insert.setObject(2, org.value());
            insert.setBytes(3, new byte[32]);
            insert.setString(4, "b".repeat(64));
            insert.setObject(5, OffsetDateTime.now(ZoneOffset.UTC));
            insert.setObject(6, OffsetDateTime.now(ZoneOffset.UTC));
            insert.setObject(7, OffsetDateTime.now(ZoneOffset.UTC).minusHours(1));
            RawJdbc.assertRefusedByCheck(insert::executeUpdate, "ck_trusted_keys_active");
        }
    }

    private static void insertRaw(Connection connection, OrganizationId org, String fingerprint, boolean active)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO trusted_keys"
                + " (id, org_id, public_key, fingerprint, added_at, revoked_at, active, revocation_reason,"
                + " revocation_effective_at) VALUES (?, ?, ?, ?, ?, "
                + (active ? "NULL, TRUE, NULL, NULL)" : "?, NULL, 'compromised', ?)"))) {
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
            insert.setObject(1, UUID.randomUUID());
            insert.setObject(2, org.value());
            insert.setBytes(3, new byte[32]);
            insert.setString(4, fingerprint);
            insert.setObject(5, now);
            if (!active) {
                insert.setObject(6, now);
                insert.setObject(7, now);
            }
            insert.executeUpdate();
        }
    }
}
