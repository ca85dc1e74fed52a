package dev.signet.adapters.persistence.db.mapper;

import java.time.Instant;
import java.util.UUID;

/**
 * One row of {@code signing_keys}, as stored. {@code custody} is "software" (wrappedPrivateKey and kekId
 * set) or "pkcs11" (hsmTokenLabel and hsmObjectId set); the others are null, as a CHECK enforces.
 */
public record SigningKeyRow(
        UUID id,
        UUID orgId,
        String name,
        byte[] publicKey,
        String fingerprint,
        String custody,
        byte[] wrappedPrivateKey,
        String kekId,
        String hsmTokenLabel,
        byte[] hsmObjectId,
        Instant createdAt,
        Instant revokedAt,
        String revocationReason,
        Instant revocationEffectiveAt) {
}
