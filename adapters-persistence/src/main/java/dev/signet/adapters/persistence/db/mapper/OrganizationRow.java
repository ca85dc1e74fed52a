package dev.signet.adapters.persistence.db.mapper;

import java.time.Instant;
import java.util.UUID;

/** One row of {@code organizations}, as stored. */
public record OrganizationRow(UUID id, String name, Instant createdAt) {
}
