package dev.signet.adapters.persistence.db.mapper;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.apache.ibatis.annotations.Param;

/** SQL for {@code trusted_keys}; statements in TrustedKeyMapper.xml. */
public interface TrustedKeyMapper {
    void insert(TrustedKeyRow row);

    TrustedKeyRow findById(UUID id);

    /** Oldest first. */
    List<TrustedKeyRow> listByOrganization(UUID orgId);

    /**
     * Active keys of the given (non-empty) organizations, and their revoked rows of fingerprints they do not
     * trust again (their denies), oldest first.
     */
    List<TrustedKeyRow> listActiveAndDeniedByOrganizations(@Param("orgIds") Collection<UUID> orgIds);

    /** @return rows changed: 0 when the key is missing or already revoked */
    int markRevoked(@Param("id") UUID id, @Param("reason") String reason, @Param("effectiveAt") Instant effectiveAt,
            @Param("recordedAt") Instant recordedAt);

    /** @return rows changed: 0 unless the key is revoked with exactly the current reason and effective time */
    int widenRevocation(@Param("id") UUID id, @Param("currentReason") String currentReason,
            @Param("currentEffectiveAt") Instant currentEffectiveAt, @Param("reason") String reason,
            @Param("effectiveAt") Instant effectiveAt, @Param("recordedAt") Instant recordedAt);
}
