package dev.signet.adapters.persistence.db.mapper;

import java.util.UUID;
import org.apache.ibatis.annotations.Param;

/** SQL for {@code trust_version}, the counter of changes to trust; statements in TrustVersionMapper.xml. */
public interface TrustVersionMapper {
    /** Null if the row is gone. */
    TrustVersionRow read();

    /**
     * Counts one change and starts a new epoch.
     *
     * @return rows changed: 0 if the row is gone
     */
    int advance(@Param("epoch") UUID epoch);
}
