package dev.signet.application.service;

import dev.signet.application.port.in.Caller;
import dev.signet.application.port.out.AuditLog;
import dev.signet.application.port.out.AuditLog.Occurrence;
import dev.signet.application.port.out.AuditTrail;
import dev.signet.domain.audit.AuditEvent;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Every event goes to the durable chain and to the stream (the SIEM's JSON log), and an event that cannot be
 * made durable fails the operation. The record of a change goes into the chain first, in the caller's
 * transaction, so a change and its record commit together. The record of an event that changes nothing (a
 * verification, a package load) is handed to the {@link DeferredAuditWriter}, which commits such records in
 * batches and returns once the caller's own record is in the chain (decision 0005). Both name the event's
 * origin: the actor, and for a request the client address and request id.
 */
public final class DurableAuditTrail implements AuditTrail {
    private final AuditLog log;
    private final DeferredAuditWriter deferred;
    private final AuditTrail stream;
    private final Clock clock;
    /** The records {@link #inOneAppend} holds back on this thread, each with the caller that made it. */
    private final ThreadLocal<List<Held>> held = new ThreadLocal<>();

    private record Held(Occurrence occurrence, Caller caller) {
    }

    public DurableAuditTrail(AuditLog log, DeferredAuditWriter deferred, AuditTrail stream, Clock clock) {
        this.log = log;
        this.deferred = deferred;
        this.stream = stream;
        this.clock = clock;
    }

    /**
     * The caller ({@link Caller#current()}) is read here, on the caller's thread, and travels with the occurrence:
     * the group commit's writer thread has no caller of its own.
     */
    @Override
    public void record(AuditEvent event) {
        Occurrence occurrence = new Occurrence(event, clock.instant(), Caller.current().origin());
        if (changesNothing(event)) {
            // the stream first: should the durable trail refuse (and the operation fail), the SIEM has it
            stream.record(event);
            deferred.submit(occurrence);
        } else if (held.get() != null) {
            held.get().add(new Held(occurrence, Caller.current()));
        } else {
            log.append(occurrence);
            stream.record(event);
        }
    }

    /**
     * The records of changes made by {@code work} go into the chain at its end, with one {@link AuditLog#appendAll},
     * in the caller's transaction, then to the stream, each under the caller that made it.
     */
    @Override
    public <T> T inOneAppend(Supplier<T> work) {
        if (held.get() != null) {
            return work.get();
        }
        List<Held> records = new ArrayList<>();
        held.set(records);
        T result;
        try {
            result = work.get();
        } finally {
            held.remove();
        }
        if (!records.isEmpty()) {
            log.appendAll(records.stream().map(Held::occurrence).toList());
            for (Held record : records) {
                Caller.callAs(record.caller(), () -> {
                    stream.record(record.occurrence().event());
                    return null;
                });
            }
        }
        return result;
    }

    private static boolean changesNothing(AuditEvent event) {
        return event instanceof AuditEvent.VerificationSucceeded || event instanceof AuditEvent.VerificationFailed
                || event instanceof AuditEvent.PackageLoadSucceeded || event instanceof AuditEvent.PackageLoadFailed;
    }
}
