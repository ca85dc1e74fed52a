package dev.signet.adapters.persistence.db.mapper;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.ibatis.annotations.Param;

/** SQL for {@code trust_acls}; statements in TrustAclMapper.xml. */
public interface TrustAclMapper {
    void insert(TrustAclRow row);

    /** Grants where the organization is parent or child, oldest first. */
    List<TrustAclRow> listByOrganization(UUID orgId);

    /** Oldest first. */
    List<TrustAclRow> listActive();

    /** @return rows changed: 0 when there is no active grant from parent to child */
    int markRevoked(@Param("parentOrgId") UUID parentOrgId, @Param("childOrgId") UUID childOrgId,
            @Param("revokedAt") Instant revokedAt);
}
