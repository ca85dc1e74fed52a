package dev.signet.adapters.persistence.db;

import dev.signet.domain.SignetException;

/**
 * The schema could not be brought up to date, for a reason other than an unreachable database: e.g. an
 * applied changeSet was edited (checksum mismatch), or the database user may not create tables.
 */
public final class MigrationFailed extends SignetException {
    private static final long serialVersionUID = 1L;

    /** @param reason one line, secrets masked */
    MigrationFailed(String reason, Exception cause) {
        super("database schema migration failed: " + reason, cause);
    }
}
