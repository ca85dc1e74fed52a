package dev.signet.adapters.persistence.db.repository;

import dev.signet.domain.Conflict;
import java.sql.SQLException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * A unique or foreign-key violation reported by the database, found in a failure's cause chain, so that a
 * repository can say in the domain's words what rule a write broke.
 *
 * <p>SQLStates: 23505 is a unique violation on both databases; a foreign-key violation is 23503 on
 * PostgreSQL, while H2 says 23506 when the referenced row is missing (and 23503 only when a referenced row
 * is deleted). Constraints are told apart by name: both databases put it in the message (H2 as the name
 * of the index behind it, e.g. {@code UQ_ORGANIZATIONS_NAME_INDEX_2}), so every constraint in the
 * changelog is named.
 */
record ConstraintViolation(Kind kind, String text) {
    enum Kind { UNIQUE, FOREIGN_KEY }

    /** The failure as a {@link Conflict} with the message {@code describe} gives, or the failure itself. */
    static RuntimeException translate(RuntimeException failure, Function<ConstraintViolation, String> describe) {
        return find(failure)
                .<RuntimeException>map(violation -> new Conflict(describe.apply(violation), failure))
                .orElse(failure);
    }

    static Optional<ConstraintViolation> find(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String text = String.valueOf(sql.getMessage());
                switch (sql.getSQLState()) {
                    case "23505":
                        return Optional.of(new ConstraintViolation(Kind.UNIQUE, text));
                    case "23503":
                    case "23506":
                        return Optional.of(new ConstraintViolation(Kind.FOREIGN_KEY, text));
                    default:
                        break;
                }
            }
        }
        return Optional.empty();
    }

    boolean isUnique() {
        return kind == Kind.UNIQUE;
    }

    /** Whether the database named this constraint (case-insensitively: H2 upper-cases names). */
    boolean names(String constraint) {
        return text.toLowerCase(Locale.ROOT).contains(constraint.toLowerCase(Locale.ROOT));
    }
}
