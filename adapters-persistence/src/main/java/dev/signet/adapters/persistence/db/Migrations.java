package dev.signet.adapters.persistence.db;

import dev.signet.adapters.persistence.db.tx.TransientFailures;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import javax.sql.DataSource;
import liquibase.GlobalConfiguration;
import liquibase.Scope;
import liquibase.UpdateSummaryEnum;
import liquibase.analytics.configuration.AnalyticsArgs;
import liquibase.command.CommandScope;
import liquibase.command.core.UpdateCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.command.core.helpers.ShowSummaryArgument;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.LockException;
import liquibase.resource.ClassLoaderResourceAccessor;
import liquibase.ui.LoggerUIService;

/**
 * Brings a database's schema up to date with Signet's one Liquibase changelog, when {@link SchemaStatus} found
 * it behind (a current database is never handed to Liquibase, which is not even loaded then). Running it again
 * changes nothing; two processes running it at once take turns on Liquibase's lock table (see {@link #apply} for
 * the one race that lock cannot cover).
 */
final class Migrations {
    /** Where the changelog lives on the class path. Its identity in the database is its logicalFilePath. */
    static final String CHANGELOG = "dev/signet/adapters/persistence/db/changelog.xml";
    private static final int RUNS_WHEN_RACING = 3;
    private static final Duration PAUSE_WHEN_RACING = Duration.ofMillis(250);
    private static final Object IN_THIS_JVM = new Object();

    private Migrations() {
    }

    /**
     * Runs the changelog. On a new database, two processes can race to create Liquibase's own tables (its
     * lock only works once the lock table exists), and the loser fails with "table already exists"; running
     * again then finds the tables and waits its turn on the lock. So a failed run is repeated a few times;
     * a real error (say, an edited changeSet) fails the same way each time and is reported after the last.
     * Connection failures are left to the caller's retry.
     *
     * @throws SQLException when no connection can be had; anything Liquibase reports, as it reports it
     */
    static void apply(DataSource dataSource) throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                applyOnce(dataSource);
                return;
            } catch (Exception e) {
                if (attempt >= RUNS_WHEN_RACING || TransientFailures.isTransient(e) || isLockTimeout(e)) {
                    throw e;
                }
                Thread.sleep(PAUSE_WHEN_RACING.toMillis() * attempt);
            }
        }
    }

    /** Another run held the lock for the whole wait: running again would only wait as long again. */
    private static boolean isLockTimeout(Throwable failure) {
        Throwable t = failure;
        for (int depth = 0; t != null && depth < 100; depth++, t = t.getCause()) {
            if (t instanceof LockException) {
                return true;
            }
        }
        return false;
    }

    private static void applyOnce(DataSource dataSource) throws Exception {
        // One run at a time in this JVM: Liquibase keeps its current scope in a manager that threads inherit
        // from the thread that made them, so two runs on two such threads would swap each other's scope
        // (UI, log, even the database) half-way. Other processes are kept apart by Liquibase's lock table.
        synchronized (IN_THIS_JVM) {
            applyAlone(dataSource);
        }
    }

    private static void applyAlone(DataSource dataSource) throws Exception {
        try (Connection connection = dataSource.getConnection();
             ClassLoaderResourceAccessor resources = new ClassLoaderResourceAccessor(Migrations.class.getClassLoader())) {
            // Everything Liquibase does, even finding the database type (which logs at INFO), runs in the
            // quiet scope.
            Scope.child(quietScope(resources), () -> {
                liquibase.database.Database database = DatabaseFactory.getInstance()
                        .findCorrectDatabaseImplementation(new JdbcConnection(connection));
                new CommandScope(UpdateCommandStep.COMMAND_NAME)
                        .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database)
                        .addArgumentValue(UpdateCommandStep.CHANGELOG_FILE_ARG, CHANGELOG)
                        .addArgumentValue(ShowSummaryArgument.SHOW_SUMMARY, UpdateSummaryEnum.OFF)
                        .execute();
            });
        }
    }

    private static Map<String, Object> quietScope(ClassLoaderResourceAccessor resources) {
        return Map.of(
                Scope.Attr.resourceAccessor.name(), resources,
                // Liquibase's messages to "the user" would go to stdout; send them to the (filtered) log.
                Scope.Attr.ui.name(), new LoggerUIService(),
                Scope.Attr.logService.name(), new WarningsOnlyLogService(),
                // Liquibase would otherwise phone home with usage data, and wait for the answer.
                AnalyticsArgs.ENABLED.getKey(), false,
                // Another process holding the lock is usually done within a second; the default is to look
                // again only every 10 seconds.
                GlobalConfiguration.CHANGELOGLOCK_POLL_RATE.getKey(), 1L,
                // A lock still held after a minute was most likely left by a process killed mid-migration
                // (Liquibase cannot tell); fail with Liquibase's message naming the holder rather than hang
                // silently for the default five minutes. The fix is Liquibase's release-locks.
                GlobalConfiguration.CHANGELOGLOCK_WAIT_TIME.getKey(), 1L);
    }
}
