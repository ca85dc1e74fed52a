package dev.signet.adapters.persistence.db;

import static dev.signet.adapters.persistence.db.Samples.T0;
import static dev.signet.adapters.persistence.db.Samples.at;
import static dev.signet.adapters.persistence.db.Samples.grant;
import static dev.signet.adapters.persistence.db.Samples.organization;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signet.application.port.out.TrustAclRepository;
import dev.signet.domain.Conflict;
import dev.signet.domain.organization.OrganizationId;
import dev.signet.domain.trust.TrustAcl;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

class TrustAclRepositoryTest {

    private static OrganizationId orgIn(Database database, String name) {
        var org = organization(name);
        database.organizations().add(org);
        return org.id();
    }

    @OnEveryDatabase
    void a_grant_is_listed_for_its_parent_and_its_child(TestDatabase db) {
        Database database = db.open();
        TrustAclRepository acls = database.trustAcls();
        OrganizationId parent = orgIn(database, "parent");
        OrganizationId child = orgIn(database, "child");
        OrganizationId other = orgIn(database, "other");
        TrustAcl acl = grant(parent, child, T0);

        acls.add(acl);

        assertThat(acls.listByOrganization(parent)).containsExactly(acl);
        assertThat(acls.listByOrganization(child)).containsExactly(acl);
        assertThat(acls.listByOrganization(other)).isEmpty();
        assertThat(acls.listActive()).containsExactly(acl);
    }

    @OnEveryDatabase
    void granting_what_is_already_granted_is_a_conflict(TestDatabase db) {
        Database database = db.open();
        TrustAclRepository acls = database.trustAcls();
        OrganizationId parent = orgIn(database, "parent");
        OrganizationId child = orgIn(database, "child");
        acls.add(grant(parent, child, T0));

        assertThatThrownBy(() -> acls.add(grant(parent, child, at(1))))
                .isInstanceOf(Conflict.class)
                .hasMessage("organization " + parent + " already grants trust to " + child);
        // the reverse direction is a different grant
        acls.add(grant(child, parent, at(2)));
        assertThat(acls.listActive()).hasSize(2);
    }

    @OnEveryDatabase
    void the_database_refuses_a_grant_to_oneself(TestDatabase db) throws SQLException {
        Database database = db.open();
        OrganizationId org = orgIn(database, "acme");
        try (Connection connection = db.connect();
             PreparedStatement insert = connection.prepareStatement(
                     "INSERT INTO trust_acls (id, parent_org_id, child_org_id, granted_at, active)"
                             + " VALUES (?, ?, ?, ?, TRUE)")) {
            insert.setObject(1, UUID.randomUUID());
            insert.setObject(2, org.value());
            insert.setObject(3, org.value());
            insert.setObject(4, OffsetDateTime.now(ZoneOffset.UTC));
            RawJdbc.assertRefusedByCheck(insert::executeUpdate, "ck_trust_acls_not_self");
        }
    }

    @OnEveryDatabase
    void a_revoked_grant_can_be_made_again_and_history_keeps_both(TestDatabase db) {
        Database database = db.open();
        TrustAclRepository acls = database.trustAcls();
        OrganizationId parent = orgIn(database, "parent");
        OrganizationId child = orgIn(database, "child");
        acls.add(grant(parent, child, T0));

        assertThat(acls.markRevoked(parent, child, at(5))).isTrue();
        assertThat(acls.markRevoked(parent, child, at(6))).isFalse();
        assertThat(acls.listActive()).isEmpty();

        TrustAcl again = grant(parent, child, at(10));
        acls.add(again);

        assertThat(acls.listByOrganization(parent))
                .containsExactly(new TrustAcl(parent, child, T0, Optional.of(at(5))), again);
        assertThat(acls.listActive()).containsExactly(again);
    }

    @OnEveryDatabase
    void revoking_a_grant_that_was_never_made_changes_nothing(TestDatabase db) {
        Database database = db.open();
        OrganizationId parent = orgIn(database, "parent");
        OrganizationId child = orgIn(database, "child");
        database.trustAcls().add(grant(parent, child, T0));

        assertThat(database.trustAcls().markRevoked(child, parent, at(1))).isFalse();
        assertThat(database.trustAcls().listActive()).hasSize(1);
    }

    @OnEveryDatabase
    void only_active_grants_are_listed_as_active_oldest_first(TestDatabase db) {
        Database database = db.open();
        TrustAclRepository acls = database.trustAcls();
        OrganizationId a = orgIn(database, "a");
        OrganizationId b = orgIn(database, "b");
        OrganizationId c = orgIn(database, "c");
        TrustAcl bc = grant(b, c, at(2));
        TrustAcl ab = grant(a, b, at(1));
        TrustAcl ac = grant(a, c, at(3));
        acls.add(bc);
        acls.add(ab);
        acls.add(ac);
        acls.markRevoked(a, c, at(4));

        assertThat(acls.listActive()).containsExactly(ab, bc);
    }

    @OnEveryDatabase
    void a_grant_naming_a_missing_organization_is_a_conflict_naming_it(TestDatabase db) {
        Database database = db.open();
        OrganizationId parent = orgIn(database, "parent");
        OrganizationId missing = OrganizationId.random();

        assertThatThrownBy(() -> database.trustAcls().add(grant(parent, missing, T0)))
                .isInstanceOf(Conflict.class)
                .hasMessage("organization " + missing + " does not exist");
        assertThatThrownBy(() -> database.trustAcls().add(grant(missing, parent, T0)))
                .isInstanceOf(Conflict.class)
                .hasMessage("organization " + missing + " does not exist");
    }
}
