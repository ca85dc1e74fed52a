package dev.signet.adapters.persistence.db.mapper;

import java.time.Instant;
import java.util.UUID;

/** One row of {@code trusted_tsas}, as stored. */
public record TrustedTsaRow(
        UUID id,
        UUID orgId,
        byte[] certificate,
        String subject,
        String label,
        Instant addedAt,
        Instant revokedAt) {
}
