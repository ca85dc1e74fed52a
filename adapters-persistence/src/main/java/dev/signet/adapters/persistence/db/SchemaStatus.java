package dev.signet.adapters.persistence.db;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * Whether every changeSet of the changelog is already recorded as applied: one query on Liquibase's
 * DATABASECHANGELOG table, with plain JDBC, so that opening a current database loads no Liquibase at all
 * (parsing the changelog with Liquibase and setting up its scope was about 0.9 s of a key-store command's
 * start-up). Only when something is missing does {@link Migrations} run Liquibase, as before.
 *
 * <p>Also without Liquibase's lock: its update takes the lock on every run, even when there is nothing to do,
 * so processes that open the database at the same moment (parallel CLI runs in a pipeline) would queue on it,
 * polling once a second, and Liquibase prints "Waiting for changelog lock" to stdout while it waits. The cost:
 * checksums of applied changeSets are only checked when there is something new to apply. A database that has
 * changeSets this build does not know (migrated by a newer Signet) counts as current, as it did when this
 * check used Liquibase's parser.
 *
 * <p>The changeSets are read from the changelog itself (its {@code <changeSet id=... author=...>} tags and the
 * {@code logicalFilePath} that Liquibase stores as their file name), so a new changeSet needs no list kept in
 * step here; a test holds this reading equal to Liquibase's parse of the same file.
 */
final class SchemaStatus {
    private static final Pattern CHANGE_SET = Pattern.compile("<changeSet\\b([^>]*)>");
    private static final Pattern LOGICAL_FILE_PATH = Pattern.compile("<databaseChangeLog\\b[^>]*\\blogicalFilePath=\"([^\"]*)\"");
    private static final Pattern ID = Pattern.compile("\\bid=\"([^\"]*)\"");
    private static final Pattern AUTHOR = Pattern.compile("\\bauthor=\"([^\"]*)\"");

    private SchemaStatus() {
    }

    /** @throws SQLException when no connection can be had */
    static boolean isCurrent(DataSource dataSource) throws SQLException {
        Set<String> wanted = changeSets(Migrations.CHANGELOG);
        try (Connection connection = dataSource.getConnection()) {
            return applied(connection).containsAll(wanted);
        }
    }

    /** The changelog's changeSets as "id::author::filename", in their order. */
    static Set<String> changeSets(String changelog) {
        String text;
        try (InputStream in = SchemaStatus.class.getClassLoader().getResourceAsStream(changelog)) {
            if (in == null) {
                throw new IllegalStateException("the changelog " + changelog + " is not on the class path");
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the changelog " + changelog, e);
        }
        text = text.replaceAll("(?s)<!--.*?-->", "");
        Matcher logical = LOGICAL_FILE_PATH.matcher(text);
        String filename = logical.find() ? logical.group(1) : changelog;
        Set<String> changeSets = new LinkedHashSet<>();
        Matcher changeSet = CHANGE_SET.matcher(text);
        while (changeSet.find()) {
            changeSets.add(key(attribute(ID, changeSet.group(1)), attribute(AUTHOR, changeSet.group(1)), filename));
        }
        return changeSets;
    }

    private static String attribute(Pattern attribute, String tag) {
        Matcher value = attribute.matcher(tag);
        if (!value.find()) {
            throw new IllegalStateException("a changeSet without " + attribute + ": " + tag);
        }
        return value.group(1);
    }

    private static String key(String id, String author, String filename) {
        return id + "::" + author + "::" + filename;
    }

    /** The recorded changeSets; none when Liquibase's table does not exist yet. */
    private static Set<String> applied(Connection connection) throws SQLException {
        Set<String> applied = new HashSet<>();
        // Unquoted, so each database folds it the way Liquibase created it (H2 upper, PostgreSQL lower case).
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT id, author, filename FROM DATABASECHANGELOG")) {
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
