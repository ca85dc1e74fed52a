package dev.signet.application.port.in;

import dev.signet.domain.audit.AuditChainVerdict;
import dev.signet.domain.audit.AuditRecord;
import dev.signet.domain.audit.SignedAuditCheckpoint;
import dev.signet.domain.key.KeyId;
import dev.signet.domain.principal.Principal;
import java.util.List;

/**
 * The audit trail for an authenticated {@code auditor}. The auditor sees the whole chain, every organization's
 * records: the chain is one, its verdict is about all of it, and many records name no organization (a signature
 * names its key, a KEK rotation or a checkpoint none), so no filter by organization could be complete.
 *
 * @throws dev.signet.domain.principal.Forbidden (from every method) for any other role
 */
public interface AuditTrailAccessUseCase {
    int MAX_PAGE = 1000;

    /** Up to {@code limit} (1..{@link #MAX_PAGE}) records after position {@code after} (0: from the first), in order. */
    List<AuditRecord> events(Principal principal, long after, int limit);

    /** As {@link AuditUseCase#verify()}. */
    AuditChainVerdict verify(Principal principal);

    /**
     * A signed checkpoint of the chain's head, taken with {@code auditKey}, a signing key of the auditor's
     * organization (a software key opens with the service's KEK), as {@link AuditCheckpointUseCase#checkpoint}.
     *
     * @return the checkpoint and its file line, which the caller keeps outside the database
     */
    Checkpoint checkpoint(Principal principal, KeyId auditKey);

    record Checkpoint(SignedAuditCheckpoint checkpoint, String line) {
    }
}
