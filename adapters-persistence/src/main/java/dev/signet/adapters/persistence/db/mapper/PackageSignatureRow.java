package dev.signet.adapters.persistence.db.mapper;

import java.time.Instant;
import java.util.UUID;

/** One row of {@code package_signatures}, as stored; {@code timestampToken} is null for a signature without one. */
public record PackageSignatureRow(
        UUID id,
        String packageHash,
        String keyFingerprint,
        byte[] signature,
        Instant signedAt,
        UUID signingKeyId,
        byte[] timestampToken) {
}
