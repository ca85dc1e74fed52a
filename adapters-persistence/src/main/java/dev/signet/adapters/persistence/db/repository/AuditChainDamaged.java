package dev.signet.adapters.persistence.db.repository;

import dev.signet.domain.SignetException;

/**
 * The stored audit chain is not as appends leave it (its head row is gone, or the record the head names
 * is missing or differs), so no record can be linked to it. Only tampering or a restore of part of the
 * database does this; {@code AuditUseCase.verify()} names the damage.
 */
public final class AuditChainDamaged extends SignetException {
    private static final long serialVersionUID = 1L;

    AuditChainDamaged(String message) {
        super(message);
    }
}
