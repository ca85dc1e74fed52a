package dev.signet.adapters.persistence.db.mapper;

import java.time.Instant;
import java.util.UUID;

/** One row of {@code trusted_keys}, as stored; {@code active} is TRUE while not revoked, else null. */
public record TrustedKeyRow(
        UUID id,
        UUID orgId,
        byte[] publicKey,
        String fingerprint,
        String label,
        Instant addedAt,
        Instant revokedAt,
        Boolean active) {
}
