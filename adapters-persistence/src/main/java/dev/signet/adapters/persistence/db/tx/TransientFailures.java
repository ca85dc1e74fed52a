package dev.signet.adapters.persistence.db.tx;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Which failures are worth trying again: only those that say the connection to the database failed, and
 * that a later attempt may not meet. A constraint violation, a syntax error or a bug fails the same way
 * every time, so retrying it would only delay the answer.
 */
public final class TransientFailures {
    /**
     * PostgreSQL ending the session as it shuts down or restarts (57P01 admin_shutdown, e.g. {@code pg_ctl
     * restart -m fast}; 57P02 crash_shutdown, another backend crashed) or refusing it while it starts or
     * stops (57P03 cannot_connect_now). The session's transaction did not commit, so running it again is
     * safe; the pool throws such connections away.
     */
    private static final Set<String> SERVER_GOING_AWAY = Set.of("57P01", "57P02", "57P03");
    private static final Pattern SECRET_SETTING =
            Pattern.compile("(?i)\\b(password|pwd|passwd|sslpassword)\\s*=\\s*[^&;,\\s]*");

    private TransientFailures() {
    }

    /**
     * True when some exception in the cause chain is a connection failure (SQLState class 08, the server
     * ending or refusing sessions as it restarts, {@link SQLTransientConnectionException} as a pool times out
     * with, {@link SQLRecoverableException}) and
     * none is permanent (see {@link #isPermanent}).
     */
    public static boolean isTransient(Throwable failure) {
        return !anyInChain(failure, TransientFailures::isPermanent)
                && anyInChain(failure, TransientFailures::isConnectionFailure);
    }

    /**
     * The root cause's message on one line: the innermost SQLException's (the driver's own words, e.g.
     * "Connection to db:5432 refused ..."), or else the innermost exception's. Anything that looks like a
     * password setting is masked, and so is {@code knownSecret}: a JDBC URL may carry a password, and some
     * drivers echo the URL.
     */
    public static String describeRootCause(Throwable failure, String knownSecret) {
        List<Throwable> chain = chain(failure);
        Throwable root = chain.get(chain.size() - 1);
        for (Throwable t : chain) {
            if (t instanceof SQLException) {
                root = t;
            }
        }
        String message = root.getMessage() == null || root.getMessage().isBlank()
                ? root.getClass().getSimpleName() : root.getMessage();
        String oneLine = message.replaceAll("\\s+", " ").strip();
        String masked = SECRET_SETTING.matcher(oneLine).replaceAll("$1=***");
        if (knownSecret != null && !knownSecret.isEmpty()) {
            masked = masked.replace(knownSecret, "***");
        }
        return masked;
    }

    private static boolean isConnectionFailure(Throwable t) {
        if (t instanceof SQLTransientConnectionException || t instanceof SQLRecoverableException) {
            return true;
        }
        return t instanceof SQLException sql && sql.getSQLState() != null
                && (sql.getSQLState().startsWith("08") || SERVER_GOING_AWAY.contains(sql.getSQLState()));
    }

    /**
     * Failures that the next attempt meets again: integrity constraint violations (class 23), a refused
     * login (class 28: wrong user or password) and a database that does not exist (class 3D). The pool
     * wraps the last two in its connection timeout, which alone would look transient.
     */
    private static boolean isPermanent(Throwable t) {
        if (!(t instanceof SQLException sql) || sql.getSQLState() == null) {
            return false;
        }
        String state = sql.getSQLState();
        return state.startsWith("23") || state.startsWith("28") || state.startsWith("3D");
    }

    private static boolean anyInChain(Throwable failure, Predicate<Throwable> test) {
        for (Throwable t : chain(failure)) {
            if (test.test(t)) {
                return true;
            }
        }
        return false;
    }

    /** The exception and its causes, each once (a cause cycle must not loop forever). */
    private static List<Throwable> chain(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            chain.add(t);
        }
        return chain;
    }
}
