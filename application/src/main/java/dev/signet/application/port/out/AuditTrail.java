package dev.signet.application.port.out;

import dev.signet.domain.audit.AuditEvent;
import java.util.function.Supplier;

/** Where audit events go: the structured log for the SIEM and, with a database, a durable chain. */
public interface AuditTrail {
    void record(AuditEvent event);

    /**
     * Runs {@code work}, inside the caller's transaction, holding back the durable records of the changes it
     * records, and appends them all at its end in one go (one hold of the chain's lock, one insert), still in the
     * caller's transaction: the group commit's batch (decision 0008). If {@code work} fails nothing is appended.
     * A trail without a durable chain just runs it.
     */
    default <T> T inOneAppend(Supplier<T> work) {
        return work.get();
    }
}
