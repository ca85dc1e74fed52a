package dev.signet.adapters.persistence.db.trust;

import dev.signet.adapters.persistence.db.mapper.TrustVersionMapper;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.apache.ibatis.session.SqlSession;

/**
 * Moves {@code trust_version} on inside the transaction of a change to trust; on PostgreSQL it also sends the
 * new value on channel {@value TrustChangeListener#CHANNEL}, which the database delivers to every listening
 * process when (and only if) the transaction commits.
 */
public final class TrustVersionCounter {
    private final boolean notifies;

    /** @param notifies whether the database is PostgreSQL, whose NOTIFY carries changes to other processes */
    public TrustVersionCounter(boolean notifies) {
        this.notifies = notifies;
    }

    /** Call with the session of the transaction that changed trust, after the change. */
    public void advance(SqlSession session) {
        TrustVersionMapper mapper = session.getMapper(TrustVersionMapper.class);
        if (mapper.advance() != 1) {
            throw DatabaseTrustVersion.missingRow();
        }
        if (notifies) {
            long version = mapper.read();
            try (PreparedStatement notify = session.getConnection()
                    .prepareStatement("SELECT pg_notify('" + TrustChangeListener.CHANNEL + "', ?)")) {
                notify.setString(1, Long.toString(version));
                notify.execute();
            } catch (SQLException e) {
                throw new org.apache.ibatis.exceptions.PersistenceException(e);
            }
        }
    }
}
