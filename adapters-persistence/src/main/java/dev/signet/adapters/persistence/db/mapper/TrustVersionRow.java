package dev.signet.adapters.persistence.db.mapper;

import java.util.UUID;

/** The one row of {@code trust_version}: the counter and the epoch written with it. */
public record TrustVersionRow(Long version, UUID epoch) {
}
