package dev.signet.adapters.persistence.db.mapper;

import java.time.Instant;
import java.util.UUID;

/** One row of {@code package_signatures}, as stored. */
public record PackageSignatureRow(
        UUID id,
        String packageHash,
        String keyFingerprint,
        byte[] signature,
        Instant signedAt,
        UUID signingKeyId) {
}
