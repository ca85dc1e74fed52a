package dev.signet.adapters.persistence.db.mapper;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.ibatis.annotations.Param;

/** SQL for {@code api_tokens}; statements in ApiTokenMapper.xml. */
public interface ApiTokenMapper {
    void insert(ApiTokenRow row);

    ApiTokenRow findById(UUID id);

    ApiTokenRow findByHash(String secretHash);

    List<ApiTokenRow> list(@Param("orgId") UUID orgId);

    int markRevoked(@Param("id") UUID id, @Param("revokedAt") Instant revokedAt);
}
