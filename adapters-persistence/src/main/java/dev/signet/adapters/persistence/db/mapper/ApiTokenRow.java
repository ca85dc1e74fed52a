package dev.signet.adapters.persistence.db.mapper;

import java.time.Instant;
import java.util.UUID;

/** One row of {@code api_tokens}, as stored; nullable columns are null. */
public record ApiTokenRow(UUID id, UUID orgId, String name, String role, String keyIds, String secretHash,
        Instant createdAt, Instant expiresAt, Instant revokedAt) {
}
