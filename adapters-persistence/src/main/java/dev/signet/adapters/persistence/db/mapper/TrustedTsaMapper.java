package dev.signet.adapters.persistence.db.mapper;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.apache.ibatis.annotations.Param;

/** SQL for {@code trusted_tsas}; statements in TrustedTsaMapper.xml. */
public interface TrustedTsaMapper {
    void insert(TrustedTsaRow row);

    TrustedTsaRow findById(UUID id);

    /** Oldest first. */
    List<TrustedTsaRow> listByOrganization(UUID orgId);

    /** Active rows of the given (non-empty) organizations, oldest first. */
    List<TrustedTsaRow> listActiveByOrganizations(@Param("orgIds") Collection<UUID> orgIds);

    /** @return rows changed: 0 when missing or already revoked */
    int markRevoked(@Param("id") UUID id, @Param("revokedAt") Instant revokedAt);
}
