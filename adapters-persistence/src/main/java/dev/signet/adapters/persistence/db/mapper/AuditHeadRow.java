package dev.signet.adapters.persistence.db.mapper;

/** The one row of {@code audit_chain_head}: position and hash of the last record (0 and 64 zeros when empty). */
public record AuditHeadRow(long lastPosition, String lastHash) {
}
