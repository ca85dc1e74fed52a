package dev.signet.adapters.persistence.db;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import liquibase.changelog.ChangeLogParameters;
import liquibase.changelog.ChangeSet;
import liquibase.database.Database;
import liquibase.exception.LiquibaseException;
import liquibase.parser.ChangeLogParserFactory;
import liquibase.resource.ResourceAccessor;

/**
 * Whether every changeSet of the changelog is already recorded as applied, found without Liquibase's lock.
 * Liquibase's update takes its lock on every run, even when there is nothing to do, so processes that
 * open the database at the same moment (parallel CLI runs in a pipeline) would queue on it, polling once a
 * second, and Liquibase prints "Waiting for changelog lock" to stdout while it waits. Skipping the update
 * when the schema is current avoids both. The cost: checksums of applied changeSets are only checked when
 * there is something new to apply.
 */
final class SchemaStatus {
    private SchemaStatus() {
    }

    static boolean isCurrent(Connection connection, Database database, String changelog, ResourceAccessor resources)
            throws LiquibaseException, SQLException {
        Set<String> wanted = ChangeLogParserFactory.getInstance().getParser(changelog, resources)
                .parse(changelog, new ChangeLogParameters(database), resources)
                .getChangeSets().stream()
                .map(SchemaStatus::key)
                .collect(Collectors.toSet());
        return applied(connection, database).containsAll(wanted);
    }

    private static String key(ChangeSet changeSet) {
        return key(changeSet.getId(), changeSet.getAuthor(), changeSet.getStoredFilePath());
    }

    private static String key(String id, String author, String filename) {
        return id + "::" + author + "::" + filename;
    }

    /** The recorded changeSets; none when Liquibase's table does not exist yet. */
    private static Set<String> applied(Connection connection, Database database) throws SQLException {
        String table = database.escapeTableName(database.getLiquibaseCatalogName(), database.getLiquibaseSchemaName(),
                database.getDatabaseChangeLogTableName());
        Set<String> applied = new HashSet<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT id, author, filename FROM " + table)) {
            while (rows.next()) {
                applied.add(key(rows.getString(1), rows.getString(2), rows.getString(3)));
            }
        } catch (SQLException noTableYet) {
            if (noTableYet.getSQLState() != null && noTableYet.getSQLState().startsWith("08")) {
                throw noTableYet;
            }
            // PostgreSQL refuses every later statement of a failed transaction until it is rolled back.
            if (!connection.getAutoCommit()) {
                connection.rollback();
            }
            return Set.of();
        }
        return applied;
    }
}
