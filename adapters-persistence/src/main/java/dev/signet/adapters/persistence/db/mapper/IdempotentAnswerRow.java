package dev.signet.adapters.persistence.db.mapper;

import java.time.Instant;

/** A row of {@code idempotent_answers}. */
public record IdempotentAnswerRow(String principalKind, String principalId, String idempotencyKey,
        String requestHash, byte[] answer, Instant createdAt) {
}
