package dev.signet.adapters.persistence.db.mapper;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.ibatis.annotations.Param;

/** SQL for {@code signing_keys}; statements in SigningKeyMapper.xml. */
public interface SigningKeyMapper {
    void insert(SigningKeyRow row);

    SigningKeyRow findById(UUID id);

    /** Oldest first. */
    List<SigningKeyRow> listByOrganization(UUID orgId);

    /** Oldest first, revoked ones included. */
    List<SigningKeyRow> listSoftware();

    /** @return rows changed: 0 when the key is missing or already revoked */
    int markRevoked(@Param("id") UUID id, @Param("reason") String reason, @Param("effectiveAt") Instant effectiveAt,
            @Param("recordedAt") Instant recordedAt);

    /** @return rows changed: 0 when there is no software key with that id */
    int replaceSoftwareCustody(@Param("id") UUID id, @Param("wrappedPrivateKey") byte[] wrappedPrivateKey,
            @Param("kekId") String kekId);
}
