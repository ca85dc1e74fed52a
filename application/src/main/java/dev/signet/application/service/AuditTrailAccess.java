package dev.signet.application.service;

import dev.signet.application.port.in.AuditCheckpointUseCase;
import dev.signet.application.port.in.AuditTrailAccessUseCase;
import dev.signet.application.port.in.AuditUseCase;
import dev.signet.application.port.out.SigningKeyRepository;
import dev.signet.application.port.out.Transactions;
import dev.signet.domain.NotFound;
import dev.signet.domain.Require;
import dev.signet.domain.audit.AuditChainVerdict;
import dev.signet.domain.audit.AuditRecord;
import dev.signet.domain.audit.SignedAuditCheckpoint;
import dev.signet.domain.key.KeyEncryptionKey;
import dev.signet.domain.key.KeyId;
import dev.signet.domain.key.SigningKey;
import dev.signet.domain.principal.Forbidden;
import dev.signet.domain.principal.Principal;
import dev.signet.domain.principal.Role;
import java.util.List;
import java.util.Optional;

/** The auditor's role check, then the CLI's audit use cases. */
public final class AuditTrailAccess implements AuditTrailAccessUseCase {
    private final AuditUseCase audit;
    private final AuditCheckpointUseCase checkpoints;
    private final SigningKeyRepository keyRows;
    private final Transactions transactions;
    private final Optional<KeyEncryptionKey> kek;

    public AuditTrailAccess(AuditUseCase audit, AuditCheckpointUseCase checkpoints, SigningKeyRepository keyRows,
            Transactions transactions, Optional<KeyEncryptionKey> kek) {
        this.audit = Require.present(audit, "audit");
        this.checkpoints = Require.present(checkpoints, "audit checkpoints");
        this.keyRows = Require.present(keyRows, "signing key repository");
        this.transactions = Require.present(transactions, "transactions");
        this.kek = Require.present(kek, "key-encryption key");
    }

    @Override
    public List<AuditRecord> events(Principal principal, long after, int limit) {
        OrganizationAdministration.requireRole(principal, Role.AUDITOR);
        if (limit < 1 || limit > MAX_PAGE) {
            throw new IllegalArgumentException("limit must be 1.." + MAX_PAGE + ", got " + limit);
        }
        if (after < 0) {
            throw new IllegalArgumentException("after must be a position (0 or more), got " + after);
        }
        return audit.page(after, limit);
    }

    @Override
    public AuditChainVerdict verify(Principal principal) {
        OrganizationAdministration.requireRole(principal, Role.AUDITOR);
        return audit.verify();
    }

    @Override
    public Checkpoint checkpoint(Principal principal, KeyId auditKey) {
        OrganizationAdministration.requireRole(principal, Role.AUDITOR);
        SigningKey key = transactions.inTransaction(() -> keyRows.findById(auditKey))
                .orElseThrow(() -> new NotFound("signing key " + auditKey + " does not exist"));
        if (!key.organizationId().equals(principal.organization())) {
            throw new Forbidden("the audit key belongs to another organization");
        }
        SignedAuditCheckpoint checkpoint = checkpoints.checkpoint(
                new AuditCheckpointUseCase.CheckpointCommand(auditKey, kek, Optional.empty()));
        return new Checkpoint(checkpoint, checkpoints.encode(checkpoint));
    }
}
