package dev.signet.adapters.persistence.db;

import static dev.signet.adapters.persistence.db.Samples.T0;
import static dev.signet.adapters.persistence.db.Samples.at;
import static dev.signet.adapters.persistence.db.Samples.hsmKey;
import static dev.signet.adapters.persistence.db.Samples.organization;
import static dev.signet.adapters.persistence.db.Samples.signingKey;
import static dev.signet.adapters.persistence.db.Samples.softwareCustody;
import static dev.signet.adapters.persistence.db.Samples.softwareKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signet.application.port.out.SigningKeyRepository;
import dev.signet.domain.Conflict;
import dev.signet.domain.NotFound;
import dev.signet.domain.key.KekId;
import dev.signet.domain.key.KeyCustody;
import dev.signet.domain.key.KeyId;
import dev.signet.domain.key.SigningKey;
import dev.signet.domain.key.WrappedPrivateKey;
import dev.signet.domain.organization.Organization;
import dev.signet.domain.organization.OrganizationId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

class SigningKeyRepositoryTest {

    private static Organization orgIn(Database database) {
        Organization org = organization("acme");
        database.organizations().add(org);
        return org;
    }

    @OnEveryDatabase
    void a_software_key_round_trips_with_its_wrapped_key_and_kek_id(TestDatabase db) {
        Database database = db.open();
        SigningKeyRepository keys = database.signingKeys();
        SigningKey key = softwareKey(orgIn(database).id(), "release-key-v1");

        keys.add(key);

        SigningKey read = keys.findById(key.id()).orElseThrow();
        assertThat(read).isEqualTo(key);
        KeyCustody.Software custody = (KeyCustody.Software) read.custody();
        assertThat(custody.wrappedKey().bytes()).isEqualTo(((KeyCustody.Software) key.custody()).wrappedKey().bytes());
        assertThat(custody.kekId().value()).isEqualTo("0123456789abcdef");
    }

    @OnEveryDatabase
    void a_pkcs11_key_round_trips_with_its_token_label_and_object_id(TestDatabase db) {
        Database database = db.open();
        SigningKeyRepository keys = database.signingKeys();
        SigningKey key = hsmKey(orgIn(database).id(), "hsm-key");

        keys.add(key);

        SigningKey read = keys.findById(key.id()).orElseThrow();
        assertThat(read).isEqualTo(key);
        assertThat(read.custody()).isEqualTo(new KeyCustody.Hsm("signet-token", new byte[] {1, 2, (byte) 0xff}));
    }

    @OnEveryDatabase
    void a_missing_key_is_not_found(TestDatabase db) {
        assertThat(db.open().signingKeys().findById(KeyId.random())).isEmpty();
    }

    @OnEveryDatabase
    void the_database_refuses_a_software_row_with_hsm_fields(TestDatabase db) throws SQLException {
        Database database = db.open();
        Organization org = orgIn(database);
        try (Connection connection = db.connect();
             PreparedStatement insert = connection.prepareStatement(
                     "INSERT INTO signing_keys (id, org_id, name, public_key, fingerprint, custody,"
                             + " wrapped_private_key, kek_id, hsm_token_label, hsm_object_id, created_at)"
                             + " VALUES (?, ?, 'k', ?, ?, 'software', ?, '0123456789abcdef', 'token', ?, ?)")) {
            insert.setObject(1, UUID.randomUUID());
            insert.setObject(2, org.id().value());
            insert.setBytes(3, new byte[32]);
            insert.setString(4, "0".repeat(64));
            insert.setBytes(5, new byte[40]);
            insert.setBytes(6, new byte[] {1});
            insert.setObject(7, OffsetDateTime.now(ZoneOffset.UTC));

            RawJdbc.assertRefusedByCheck(insert::executeUpdate, "ck_signing_keys_custody_fields");
        }
        assertThat(database.signingKeys().listByOrganization(org.id())).isEmpty();
    }

    @OnEveryDatabase
    void the_database_refuses_a_pkcs11_row_without_its_token_label(TestDatabase db) throws SQLException {
        Database database = db.open();
        Organization org = orgIn(database);
        try (Connection connection = db.connect();
             PreparedStatement insert = connection.prepareStatement(
                     "INSERT INTO signing_keys (id, org_id, name, public_key, fingerprint, custody,"
                             + " hsm_object_id, created_at)"
                             + " VALUES (?, ?, 'k', ?, ?, 'pkcs11', ?, ?)")) {
            insert.setObject(1, UUID.randomUUID());
            insert.setObject(2, org.id().value());
            insert.setBytes(3, new byte[32]);
            insert.setString(4, "0".repeat(64));
            insert.setBytes(5, new byte[] {1});
            insert.setObject(6, OffsetDateTime.now(ZoneOffset.UTC));

            RawJdbc.assertRefusedByCheck(insert::executeUpdate, "ck_signing_keys_custody_fields");
        }
    }

    @OnEveryDatabase
    void a_key_name_taken_in_the_organization_is_a_conflict(TestDatabase db) {
        Database database = db.open();
        SigningKeyRepository keys = database.signingKeys();
        Organization org = orgIn(database);
        keys.add(softwareKey(org.id(), "release-key-v1"));

        assertThatThrownBy(() -> keys.add(hsmKey(org.id(), "release-key-v1")))
                .isInstanceOf(Conflict.class)
                .hasMessage("organization " + org.id() + " already has a signing key named 'release-key-v1'");
    }

    @OnEveryDatabase
    void one_token_object_backs_one_signing_key_in_whatever_organization(TestDatabase db) {
        Database database = db.open();
        SigningKeyRepository keys = database.signingKeys();
        SigningKey first = hsmKey(orgIn(database).id(), "hsm");
        keys.add(first);
        Organization other = organization("other");
        database.organizations().add(other);

        assertThatThrownBy(() -> keys.add(hsmKey(other.id(), "same-object")))
                .isInstanceOf(Conflict.class)
                .hasMessage("the object with CKA_ID 0102ff in PKCS#11 token 'signet-token' is already bound to another"
                        + " Signet signing key; one token object backs one Signet key, even after that key is revoked"
                        + " (give a new key pair its own CKA_ID)");
        assertThat(keys.listByOrganization(other.id())).isEmpty();
        // another CKA_ID in the same token, or the same CKA_ID in another token, is another object
        keys.add(signingKey(other.id(), "other-id", new KeyCustody.Hsm("signet-token", new byte[] {0x01, 0x02}), T0));
        keys.add(signingKey(other.id(), "other-token", new KeyCustody.Hsm("other-token", new byte[] {1, 2, (byte) 0xff}),
                T0));
        assertThat(keys.listByOrganization(other.id())).hasSize(2);
    }

    @OnEveryDatabase
    void two_organizations_may_use_the_same_key_name(TestDatabase db) {
        Database database = db.open();
        Organization acme = orgIn(database);
        Organization other = organization("other");
        database.organizations().add(other);

        database.signingKeys().add(softwareKey(acme.id(), "release-key-v1"));
        database.signingKeys().add(softwareKey(other.id(), "release-key-v1"));

        assertThat(database.signingKeys().listByOrganization(other.id())).hasSize(1);
    }

    @OnEveryDatabase
    void a_key_for_a_missing_organization_is_a_conflict_naming_it(TestDatabase db) {
        SigningKeyRepository keys = db.open().signingKeys();
        OrganizationId missing = OrganizationId.random();

        assertThatThrownBy(() -> keys.add(softwareKey(missing, "k")))
                .isInstanceOf(Conflict.class)
                .hasMessage("organization " + missing + " does not exist");
    }

    @OnEveryDatabase
    void revoking_sets_the_time_once_and_a_second_revoke_changes_nothing(TestDatabase db) {
        Database database = db.open();
        SigningKeyRepository keys = database.signingKeys();
        SigningKey key = softwareKey(orgIn(database).id(), "k");
        keys.add(key);

        assertThat(keys.markRevoked(key.id(), at(60))).isTrue();
        assertThat(keys.markRevoked(key.id(), at(120))).isFalse();
        assertThat(keys.markRevoked(KeyId.random(), at(120))).isFalse();

        assertThat(keys.findById(key.id()).orElseThrow().revokedAt()).contains(at(60));
    }

    @OnEveryDatabase
    void a_revocation_keeps_its_reason_and_effective_time(TestDatabase db) {
        Database database = db.open();
        SigningKeyRepository keys = database.signingKeys();
        var org = organization("acme");
        database.organizations().add(org);
        SigningKey retired = Samples.softwareKey(org.id(), "retired");
        SigningKey compromised = Samples.softwareKey(org.id(), "compromised");
        keys.add(retired);
        keys.add(compromised);

        keys.markRevoked(retired.id(), dev.signet.domain.revocation.Revocation.retired(at(60)));
        keys.markRevoked(compromised.id(), dev.signet.domain.revocation.Revocation.compromised(at(-60), at(60)));

        assertThat(keys.findById(retired.id())).contains(retired.revoke(
                dev.signet.domain.revocation.Revocation.retired(at(60))));
        assertThat(keys.findById(compromised.id())).contains(compromised.revoke(
                dev.signet.domain.revocation.Revocation.compromised(at(-60), at(60))));
    }

    @OnEveryDatabase
    void keys_of_an_organization_are_listed_oldest_first_revoked_included(TestDatabase db) {
        Database database = db.open();
        SigningKeyRepository keys = database.signingKeys();
        OrganizationId org = orgIn(database).id();
        SigningKey newer = signingKey(org, "newer", softwareCustody(), at(10));
        SigningKey older = signingKey(org, "older", Samples.hsmCustody(), T0);
        keys.add(newer);
        keys.add(older);
        keys.markRevoked(older.id(), at(20));

        assertThat(keys.listByOrganization(org)).containsExactly(older.revoke(at(20)), newer);
        assertThat(keys.listByOrganization(OrganizationId.random())).isEmpty();
    }

    @OnEveryDatabase
    void listing_software_keys_leaves_out_pkcs11_keys_and_keeps_revoked_ones(TestDatabase db) {
        Database database = db.open();
        SigningKeyRepository keys = database.signingKeys();
        OrganizationId org = orgIn(database).id();
        SigningKey software = softwareKey(org, "soft");
        SigningKey revoked = signingKey(org, "soft-revoked", softwareCustody(), at(1));
        SigningKey hsm = hsmKey(org, "hsm");
        keys.add(software);
        keys.add(revoked);
        keys.add(hsm);
        keys.markRevoked(revoked.id(), at(2));

        assertThat(keys.listSoftwareKeys()).extracting(SigningKey::id).containsExactly(software.id(), revoked.id());
    }

    @OnEveryDatabase
    void replacing_custody_rewraps_a_software_key(TestDatabase db) {
        Database database = db.open();
        SigningKeyRepository keys = database.signingKeys();
        SigningKey key = softwareKey(orgIn(database).id(), "k");
        keys.add(key);
        KeyCustody.Software rewrapped = new KeyCustody.Software(
                new WrappedPrivateKey(Samples.randomBytes(60)),
                new KekId("fedcba9876543210"));

        keys.replaceCustody(key.id(), rewrapped);

        assertThat(keys.findById(key.id()).orElseThrow().custody()).isEqualTo(rewrapped);
    }

    @OnEveryDatabase
    void replacing_custody_of_a_pkcs11_key_or_a_missing_key_is_refused(TestDatabase db) {
        Database database = db.open();
        SigningKeyRepository keys = database.signingKeys();
        SigningKey hsm = hsmKey(orgIn(database).id(), "hsm");
        keys.add(hsm);

        assertThatThrownBy(() -> keys.replaceCustody(hsm.id(), softwareCustody()))
                .isInstanceOf(Conflict.class)
                .hasMessageContaining("PKCS#11");
        KeyId missing = KeyId.random();
        assertThatThrownBy(() -> keys.replaceCustody(missing, softwareCustody()))
                .isInstanceOf(NotFound.class)
                .hasMessage("signing key " + missing + " does not exist");
        assertThat(keys.findById(hsm.id())).contains(hsm);
    }

    @OnEveryDatabase
    void a_key_created_at_a_nanosecond_instant_reads_back_at_microseconds(TestDatabase db) {
        Database database = db.open();
        Instant nanos = Instant.parse("2026-01-28T12:00:00.999999999Z");
        SigningKey key = signingKey(orgIn(database).id(), "k", softwareCustody(), nanos);
        database.signingKeys().add(key);

        assertThat(database.signingKeys().findById(key.id()).orElseThrow().createdAt())
                .isEqualTo(Instant.parse("2026-01-28T12:00:00.999999Z"));
    }
}
