package dev.signet.adapters.persistence.db.mapper;

/** SQL for {@code trust_version}, the counter of changes to trust; statements in TrustVersionMapper.xml. */
public interface TrustVersionMapper {
    /** Null if the row is gone. */
    Long read();

    /** @return rows changed: 0 if the row is gone */
    int advance();
}
