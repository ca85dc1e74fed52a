package dev.signet.application.port.in;

import dev.signet.domain.audit.AuditChainVerdict;
import dev.signet.domain.audit.AuditRecord;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

public interface AuditUseCase {
    List<AuditRecord> list(Optional<String> eventType, Optional<Instant> since);

    /** Up to {@code limit} records after position {@code after} (0: from the first), in order. */
    default List<AuditRecord> page(long after, int limit) {
        return list(Optional.empty(), Optional.empty()).stream().filter(record -> record.position() > after)
                .limit(limit).toList();
    }

    /** Checks the whole chain; names the first broken record if any. */
    AuditChainVerdict verify();
}
