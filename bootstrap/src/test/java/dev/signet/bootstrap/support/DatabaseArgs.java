package dev.signet.bootstrap.support;

import dev.signet.adapters.persistence.db.TestDatabase;
import java.util.ArrayList;
import java.util.List;

/** CLI arguments that point a command at a test database (--db-url, and the user and password when it has them). */
public final class DatabaseArgs {
    private DatabaseArgs() {
    }

    public static Object[] on(TestDatabase db, Object... args) {
        List<Object> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--db-url", db.url()));
        if (db.user() != null) {
            all.addAll(List.of("--db-user", db.user(), "--db-password", db.password() == null ? "" : db.password()));
        }
        return all.toArray();
    }
}
