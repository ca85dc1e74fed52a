package dev.signet.adapters.persistence.db.trust;

import dev.signet.adapters.persistence.db.mapper.TrustVersionMapper;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.apache.ibatis.session.SqlSession;

/**
 * Moves {@code trust_version} on (counter plus one, a new random epoch) inside the transaction of a change to
 * trust; on PostgreSQL it also sends a
 * notice on channel {@value TrustChangeListener#CHANNEL}, which the database delivers to every listening
 * process when (and only if) the transaction commits. The notice carries nothing: listeners read the version
 * from the table, since any role could send a notice with a made-up one.
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
        if (mapper.advance(UUID.randomUUID()) != 1) {
            throw DatabaseTrustVersion.missingRow();
        }
        if (notifies) {
            try (Statement notify = session.getConnection().createStatement()) {
                notify.execute("NOTIFY " + TrustChangeListener.CHANNEL);
            } catch (SQLException e) {
                throw new org.apache.ibatis.exceptions.PersistenceException(e);
            }
        }
    }
}
