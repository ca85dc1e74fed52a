package dev.signet.adapters.persistence.db;

import static dev.signet.adapters.persistence.db.Samples.organization;
import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.domain.organization.Organization;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import liquibase.changelog.ChangeLogParameters;
import liquibase.changelog.ChangeSet;
import liquibase.database.core.H2Database;
import liquibase.parser.ChangeLogParserFactory;
import liquibase.resource.ClassLoaderResourceAccessor;
import org.junit.jupiter.api.Test;

class SchemaStatusTest {
    @Test
    void the_changesets_read_from_the_changelog_are_the_ones_liquibase_parses_from_it() throws Exception {
        List<String> parsed;
        try (ClassLoaderResourceAccessor resources = new ClassLoaderResourceAccessor(getClass().getClassLoader())) {
            parsed = ChangeLogParserFactory.getInstance().getParser(Migrations.CHANGELOG, resources)
                    .parse(Migrations.CHANGELOG, new ChangeLogParameters(new H2Database()), resources)
                    .getChangeSets().stream()
                    .map((ChangeSet c) -> c.getId() + "::" + c.getAuthor() + "::" + c.getStoredFilePath())
                    .collect(Collectors.toList());
        }

        assertThat(SchemaStatus.changeSets(Migrations.CHANGELOG)).containsExactlyElementsOf(parsed);
    }

    @OnEveryDatabase
    void a_new_database_is_behind_and_a_migrated_one_current(TestDatabase db) throws Exception {
        DataSource fresh = dataSource(db);
        assertThat(SchemaStatus.isCurrent(fresh)).isFalse();

        db.open().close();

        assertThat(SchemaStatus.isCurrent(fresh)).isTrue();
    }

    @OnEveryDatabase
    void a_database_missing_a_changeset_is_behind_and_opening_it_applies_the_changeset(TestDatabase db)
            throws Exception {
        Organization acme = organization("acme");
        Database first = db.open();
        first.organizations().add(acme);
        first.close();
        execute(db, "DELETE FROM databasechangelog WHERE id = 'h-trust-1-trust-version-epoch'");
        assertThat(SchemaStatus.isCurrent(dataSource(db))).isFalse();
        // the changeSet's own work, undone too, so that applying it again succeeds
        execute(db, "ALTER TABLE trust_version DROP COLUMN epoch");

        Database second = db.open();

        assertThat(SchemaStatus.isCurrent(dataSource(db))).isTrue();
        assertThat(second.organizations().findById(acme.id())).contains(acme);
        second.close();
    }

    @OnEveryDatabase
    void a_database_migrated_by_a_newer_build_is_current_for_this_one_as_before(TestDatabase db) throws Exception {
        db.open().close();
        execute(db, "INSERT INTO databasechangelog (id, author, filename, dateexecuted, orderexecuted, exectype)"
                + " VALUES ('z-from-a-newer-build', 'signet', 'signet/db/changelog.xml', CURRENT_TIMESTAMP, 99,"
                + " 'EXECUTED')");

        assertThat(SchemaStatus.isCurrent(dataSource(db))).isTrue();
        Database opened = db.open();
        assertThat(opened.organizations().list()).isEmpty();
        opened.close();
    }

    private static void execute(TestDatabase db, String sql) throws SQLException {
        try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
            statement.executeUpdate(sql);
        }
    }

    private static DataSource dataSource(TestDatabase db) {
        return db.dataSource();
    }
}
