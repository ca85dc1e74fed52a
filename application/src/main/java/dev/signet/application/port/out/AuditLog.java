package dev.signet.application.port.out;

import dev.signet.domain.audit.AuditEvent;
import dev.signet.domain.audit.AuditOrigin;
import dev.signet.domain.audit.AuditRecord;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/** The durable, hash-chained audit trail in the database. */
public interface AuditLog {
    /**
     * Appends the event as the chain's next record, inside the caller's transaction when there is one,
     * serialised against concurrent appends so positions stay gap-free.
     */
    AuditRecord append(Occurrence occurrence);

    /**
     * Appends the events, in the order given, as the chain's next records, taking the chain's lock once: what
     * makes many records cheap to write together.
     */
    List<AuditRecord> appendAll(List<Occurrence> events);

    /**
     * Whether these events are in the chain one after another, in this order and at these times (to the
     * microsecond the chain keeps): how a writer whose commit was cut off, and so may or may not have happened,
     * learns whether writing them again would record them twice.
     */
    boolean containsRun(List<Occurrence> events);

    /**
     * As {@link #appendAll}, unless {@link #containsRun} finds them once the chain's lock is held (so that an
     * earlier attempt still committing cannot slip in between): for a writer whose earlier commit was cut off.
     *
     * @return the records appended; empty when the events were already there
     */
    List<AuditRecord> appendAllUnlessPresent(List<Occurrence> events);

    /** Records in position order, optionally of one event type and from a time on. */
    List<AuditRecord> list(Optional<String> eventType, Optional<Instant> since);

    /** Feeds every record in position order to {@code consumer} until it returns false. */
    void forEachRecord(Predicate<AuditRecord> consumer);

    /** Up to {@code limit} records after position {@code after}, in order (a store pages by position). */
    default List<AuditRecord> page(long after, int limit) {
        List<AuditRecord> page = new java.util.ArrayList<>();
        forEachRecord(record -> {
            if (record.position() > after) {
                page.add(record);
            }
            return page.size() < limit;
        });
        return page;
    }

    /** The position and hash of the last record the chain's head knows of; (0, genesis) when empty. */
    Head head();

    record Head(long position, String hash) {
    }

    /** An event, when it happened, and who caused it (captured on the caller's thread, at the time). */
    record Occurrence(AuditEvent event, Instant occurredAt, AuditOrigin origin) {
        public Occurrence {
            Objects.requireNonNull(event, "audit event");
            Objects.requireNonNull(occurredAt, "time");
            Objects.requireNonNull(origin, "audit origin");
        }
    }
}
