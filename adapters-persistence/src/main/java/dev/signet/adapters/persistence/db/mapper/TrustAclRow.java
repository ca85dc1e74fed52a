package dev.signet.adapters.persistence.db.mapper;

import java.time.Instant;
import java.util.UUID;

/** One row of {@code trust_acls}, as stored; {@code active} is TRUE while not revoked, else null. */
public record TrustAclRow(
        UUID id,
        UUID parentOrgId,
        UUID childOrgId,
        Instant grantedAt,
        Instant revokedAt,
        Boolean active) {
}
