package dev.signet.adapters.persistence.db;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.domain.organization.Organization;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * An organization named with a UUID before names could not be one is renamed by the migration, so that the store
 * still loads (no OrganizationName is a UUID) and the name no longer poses as an id.
 */
class OrganizationNameMigrationTest {
    @OnEveryDatabase
    void an_organization_named_with_a_uuid_before_the_rule_is_renamed_and_still_loads(TestDatabase db) throws Exception {
        db.open().close();
        String uuidName = UUID.randomUUID().toString().toUpperCase(java.util.Locale.ROOT);
        UUID id = UUID.randomUUID();
        try (Connection connection = db.connect()) {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO organizations (id, name, created_at) VALUES (?, ?, ?)")) {
                insert.setObject(1, id);
                insert.setString(2, uuidName);
                insert.setObject(3, OffsetDateTime.now());
                insert.executeUpdate();
                insert.setObject(1, UUID.randomUUID());
                insert.setString(2, "1-2-3-4-5");
                insert.executeUpdate();
            }
            try (Statement statement = connection.createStatement()) {
                // as though the store were from before the rule: its changeSet runs again on the next open
                assertThat(statement.executeUpdate(
                        "DELETE FROM databasechangelog WHERE id = 'h-changes-2-organization-names-are-not-ids'"))
                        .isEqualTo(1);
            }
        }
        Database database = db.open();
        assertThat(database.transactions().inTransaction(() -> database.organizations().list()))
                .extracting(organization -> organization.name().value())
                .containsExactly("1-2-3-4-5", "renamed-" + uuidName);
        Organization renamed = database.transactions().inTransaction(() -> database.organizations()
                .findById(new dev.signet.domain.organization.OrganizationId(id))).orElseThrow();
        assertThat(renamed.name().value()).isEqualTo("renamed-" + uuidName);
    }
}
