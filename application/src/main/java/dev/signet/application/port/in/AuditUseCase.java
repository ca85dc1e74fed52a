package dev.signet.application.port.in;

import dev.signet.domain.audit.AuditChainVerdict;
import dev.signet.domain.audit.AuditRecord;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

public interface AuditUseCase {
    List<AuditRecord> list(Optional<String> eventType, Optional<Instant> since);

    /** Checks the whole chain; names the first broken record if any. */
    AuditChainVerdict verify();
}
