package dev.signet.adapters.persistence.db.repository;

import dev.signet.adapters.persistence.db.mapper.AuditEventMapper;
import dev.signet.adapters.persistence.db.mapper.AuditEventRow;
import dev.signet.adapters.persistence.db.mapper.AuditHeadRow;
import dev.signet.adapters.persistence.db.tx.MyBatisTransactions;
import dev.signet.application.port.out.AuditLog;
import dev.signet.application.port.out.AuditLog.Occurrence;
import dev.signet.domain.audit.AuditPayload;
import dev.signet.domain.audit.AuditRecord;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The hash-chained audit trail in tables {@code audit_events} and {@code audit_chain_head}.
 *
 * <p>An append locks the head row (SELECT ... FOR UPDATE) for the rest of its transaction, the caller's when
 * there is one: appenders on any connection or process take turns, so positions run 1, 2, 3, ... without
 * gaps, and a rolled-back append leaves neither its record nor a head change. The price is that a long
 * transaction that appends holds every other appender until it ends.
 */
public final class MyBatisAuditLog implements AuditLog {
    /** The width of {@code audit_events.payload}, in characters (see the changelog). */
    public static final int MAX_PAYLOAD_CHARACTERS = 16384;
    private static final int PAGE_SIZE = 500;
    /** Rows per multi-row INSERT: 6 parameters each, far below any driver's limit on bind parameters. */
    private static final int ROWS_PER_INSERT = 500;

    private final MyBatisTransactions transactions;

    public MyBatisAuditLog(MyBatisTransactions transactions) {
        this.transactions = Objects.requireNonNull(transactions, "transactions");
    }

    /**
     * The record's time is the occurrence's truncated to microseconds, the precision the database keeps:
     * the hash covers the time as stored, so the chain still verifies when read back.
     *
     * @throws AuditChainDamaged when the head or the record it names is not as appends leave them
     * @throws IllegalArgumentException when the event's payload is wider than the column
     */
    @Override
    public AuditRecord append(Occurrence occurrence) {
        return appendAll(List.of(occurrence)).get(0);
    }

    /** As {@link #append}, for each event in turn, all or none; with one lock, one read and one insert per batch. */
    @Override
    public List<AuditRecord> appendAll(List<Occurrence> events) {
        List<Occurrence> occurrences = List.copyOf(events);
        if (occurrences.isEmpty()) {
            return List.of();
        }
        // Under a savepoint: a refused append (damaged chain, event too large) then leaves the caller's
        // transaction usable on PostgreSQL as on H2, should the caller choose to go on.
        return transactions.withSession(session -> Savepoints.attempt(session, () -> {
            AuditEventMapper mapper = session.getMapper(AuditEventMapper.class);
            AuditHeadRow head = mapper.lockHead();
            if (head == null) {
                throw missingHead();
            }
            List<AuditRecord> appended = new ArrayList<>(occurrences.size());
            AuditRecord previous = last(mapper, head);
            for (Occurrence occurrence : occurrences) {
                previous = AuditRecord.append(previous, occurrence.event(), occurrence.origin(), stored(occurrence));
                requireFits(previous);
                appended.add(previous);
            }
            for (int from = 0; from < appended.size(); from += ROWS_PER_INSERT) {
                mapper.insertAll(appended.subList(from, Math.min(appended.size(), from + ROWS_PER_INSERT))
                        .stream().map(MyBatisAuditLog::toRow).toList());
            }
            if (mapper.moveHead(head.lastPosition(), previous.position(), previous.hash()) != 1) {
                // Cannot happen while the lock holds; if it did, committing would fork the chain.
                throw new IllegalStateException("the audit chain head moved while locked");
            }
            return List.copyOf(appended);
        }));
    }

    @Override
    public List<AuditRecord> appendAllUnlessPresent(List<Occurrence> events) {
        return transactions.withSession(session -> {
            if (session.getMapper(AuditEventMapper.class).lockHead() == null) {
                throw missingHead();
            }
            // the lock is the transaction's until it ends: appendAll takes it again without waiting
            return containsRun(events) ? List.of() : appendAll(events);
        });
    }

    /** Looks for the first event by type and time (an index), then compares the records that follow. */
    @Override
    public boolean containsRun(List<Occurrence> events) {
        List<Occurrence> run = List.copyOf(events);
        if (run.isEmpty()) {
            return true;
        }
        return transactions.withMapper(AuditEventMapper.class, mapper -> {
            Occurrence first = run.get(0);
            for (AuditEventRow candidate : mapper.findByTypeAndTime(first.event().eventType(), stored(first))) {
                List<AuditEventRow> following = mapper.page(candidate.position() - 1, run.size());
                if (following.size() == run.size() && matches(following, run)) {
                    return true;
                }
            }
            return false;
        });
    }

    private static boolean matches(List<AuditEventRow> rows, List<Occurrence> run) {
        for (int i = 0; i < run.size(); i++) {
            AuditEventRow row = rows.get(i);
            Occurrence occurrence = run.get(i);
            if (!row.eventType().equals(occurrence.event().eventType()) || !row.occurredAt().equals(stored(occurrence))
                    || !row.payload().equals(AuditPayload.json(occurrence.event(), occurrence.origin()))) {
                return false;
            }
        }
        return true;
    }

    /** The time as the database keeps it, to the microsecond: what the hash covers and what is compared. */
    private static Instant stored(Occurrence occurrence) {
        return occurrence.occurredAt().truncatedTo(ChronoUnit.MICROS);
    }

    @Override
    public List<AuditRecord> list(Optional<String> eventType, Optional<Instant> since) {
        return transactions.withMapper(AuditEventMapper.class,
                        m -> m.list(eventType.orElse(null), since.orElse(null)))
                .stream().map(MyBatisAuditLog::toDomain).toList();
    }

    /** Reads the records a page at a time, so a long chain is never held in memory whole. */
    @Override
    public void forEachRecord(Predicate<AuditRecord> consumer) {
        Objects.requireNonNull(consumer, "consumer");
        transactions.withMapper(AuditEventMapper.class, m -> {
            long after = 0;
            List<AuditEventRow> page;
            do {
                page = m.page(after, PAGE_SIZE);
                for (AuditEventRow row : page) {
                    if (!consumer.test(toDomain(row))) {
                        return null;
                    }
                    after = row.position();
                }
            } while (page.size() == PAGE_SIZE);
            return null;
        });
    }

    @Override
    public List<AuditRecord> page(long after, int limit) {
        return transactions.withMapper(AuditEventMapper.class, m -> m.page(after, limit)).stream()
                .map(MyBatisAuditLog::toDomain).toList();
    }

    /** @throws AuditChainDamaged when the head row is gone */
    @Override
    public Head head() {
        AuditHeadRow head = transactions.withMapper(AuditEventMapper.class, AuditEventMapper::head);
        if (head == null) {
            throw missingHead();
        }
        return new Head(head.lastPosition(), head.lastHash());
    }

    /**
     * The record the head names, which the next one links to; null for an empty chain. The domain builds a
     * link from the previous record only, so it is read back rather than made from the head's two values.
     */
    private static AuditRecord last(AuditEventMapper mapper, AuditHeadRow head) {
        if (head.lastPosition() == 0) {
            return null;
        }
        AuditEventRow row = mapper.findByPosition(head.lastPosition());
        if (row == null) {
            throw new AuditChainDamaged("cannot append to the audit chain: record " + head.lastPosition()
                    + ", the last one its head names, is missing");
        }
        if (!row.hash().equals(head.lastHash())) {
            throw new AuditChainDamaged("cannot append to the audit chain: record " + head.lastPosition()
                    + " does not match the chain head");
        }
        return toDomain(row);
    }

    private static void requireFits(AuditRecord record) {
        // Counted in UTF-16 units, as H2 counts VARCHAR width; PostgreSQL counts code points, never more.
        int width = record.payload().length();
        if (width > MAX_PAYLOAD_CHARACTERS) {
            throw new IllegalArgumentException("audit event " + record.eventType() + " is too large to record: "
                    + width + " characters, at most " + MAX_PAYLOAD_CHARACTERS);
        }
    }

    private static AuditChainDamaged missingHead() {
        return new AuditChainDamaged("the audit chain head (table audit_chain_head, row 1) is missing");
    }

    private static AuditEventRow toRow(AuditRecord record) {
        return new AuditEventRow(record.position(), record.eventType(), record.occurredAt(), record.payload(),
                record.previousHash(), record.hash());
    }

    private static AuditRecord toDomain(AuditEventRow row) {
        return new AuditRecord(row.position(), row.eventType(), row.occurredAt(), row.payload(), row.previousHash(),
                row.hash());
    }
}
