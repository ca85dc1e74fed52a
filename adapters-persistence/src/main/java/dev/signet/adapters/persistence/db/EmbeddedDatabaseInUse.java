package dev.signet.adapters.persistence.db;

import dev.signet.domain.SignetException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Another process kept the embedded database file open for longer than this one would wait for it. H2 in
 * embedded mode serves one process at a time; concurrent use needs a database server (PostgreSQL). Named
 * DatabaseUnavailable, as the other failures to reach the database are.
 */
public final class EmbeddedDatabaseInUse extends SignetException {
    private static final long serialVersionUID = 1L;

    EmbeddedDatabaseInUse(Path file, Duration waited, Throwable cause) {
        super("another Signet process holds the embedded database " + file + " (waited " + waited.toSeconds()
                + " s for it); the embedded database serves one process at a time: for concurrent use, "
                + "run Signet on PostgreSQL", cause);
    }

    @Override
    public String errorName() {
        return "DatabaseUnavailable";
    }
}
