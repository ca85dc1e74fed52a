package dev.signet.adapters.persistence.db.mapper;

import java.time.Instant;
import java.util.UUID;

/** One row of {@code trusted_keys}, as stored; {@code active} is TRUE while not revoked, else null;
 * reason and effective time are set exactly when {@code revokedAt} is. */
public record TrustedKeyRow(
        UUID id,
        UUID orgId,
        byte[] publicKey,
        String fingerprint,
        String label,
        Instant addedAt,
        Instant revokedAt,
        Boolean active,
        String revocationReason,
        Instant revocationEffectiveAt,
        Instant notBefore,
        Instant notAfter) {
}
