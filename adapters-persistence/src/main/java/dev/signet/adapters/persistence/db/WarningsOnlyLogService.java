package dev.signet.adapters.persistence.db;

import java.util.logging.Level;
import java.util.logging.Logger;
import liquibase.logging.core.AbstractLogService;
import liquibase.logging.core.AbstractLogger;

/**
 * Liquibase's log, cut down to warnings and errors, passed on to java.util.logging's "liquibase" logger.
 * Liquibase otherwise logs every changeSet and lock at INFO, which a CLI would print on every run; going
 * through the scope rather than setting a JUL level leaves the host application's logging alone.
 */
final class WarningsOnlyLogService extends AbstractLogService {
    private static final Logger TARGET = Logger.getLogger("liquibase");

    @Override
    public int getPriority() {
        return PRIORITY_SPECIALIZED;
    }

    @Override
    @SuppressWarnings("rawtypes") // Liquibase's interface declares the raw type
    public liquibase.logging.Logger getLog(Class clazz) {
        return new WarningsOnlyLogger();
    }

    @SuppressWarnings("try") // Liquibase's Logger is AutoCloseable; this one holds nothing to close
    private static final class WarningsOnlyLogger extends AbstractLogger {
        @Override
        public void log(Level level, String message, Throwable e) {
            // Liquibase logs at OFF to mean "don't log" (as its own JavaLogger reads it); JUL would print it.
            if (!Level.OFF.equals(level) && level.intValue() >= Level.WARNING.intValue()) {
                TARGET.log(level, message, e);
            }
        }
    }
}
