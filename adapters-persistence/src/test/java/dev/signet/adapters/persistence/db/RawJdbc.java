package dev.signet.adapters.persistence.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.util.Locale;
import java.util.Set;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Checks on what the database itself refuses, whatever the adapter would have done. */
final class RawJdbc {
    /** A CHECK violation is 23514 on PostgreSQL and 23513 on H2. */
    private static final Set<String> CHECK_VIOLATION = Set.of("23513", "23514");

    private RawJdbc() {
    }

    static void assertRefusedByCheck(ThrowingCallable statement, String constraint) {
        assertThatThrownBy(statement)
                .isInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isIn(CHECK_VIOLATION))
                .satisfies(e -> assertThat(e.getMessage().toLowerCase(Locale.ROOT)).contains(constraint));
    }
}
