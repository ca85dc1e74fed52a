package dev.signet.application.service;

import dev.signet.application.port.out.AuditLog;
import dev.signet.application.port.out.AuditLog.Occurrence;
import dev.signet.application.port.out.AuditUnavailable;
import dev.signet.application.port.out.DatabaseUnavailable;
import dev.signet.application.port.out.Transactions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Writes the durable records of events that change nothing (verifications, package loads) from one background
 * thread, many to a transaction, so that a verification neither waits for a commit nor queues on the chain's
 * lock behind the others (decision 0005). Changes are not deferred: their records commit with them.
 *
 * <p>Nothing is dropped quietly. The queue is bounded: when the database is away long enough to fill it,
 * {@link #submit} waits, then refuses with {@link AuditUnavailable}, and the operation fails rather than go
 * unrecorded. While the database is away a batch is tried again until it is written; a record the database
 * refuses outright (and only that record) is reported and left to the stream. {@link #flush} returns once
 * everything submitted before it is in the chain; {@link #close} flushes. What a killed process had not yet
 * written is lost from the chain, never from the stream (the SIEM's copy is written before submit returns).
 */
public final class DeferredAuditWriter implements AutoCloseable {
    private static final int CAPACITY = 65_536;
    private static final int MAX_BATCH = 2_000;
    private static final Duration SUBMIT_WAIT = Duration.ofSeconds(10);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(30);
    private static final Duration FIRST_PAUSE = Duration.ofMillis(200);
    private static final Duration LONGEST_PAUSE = Duration.ofSeconds(5);
    private static final System.Logger LOG = System.getLogger(DeferredAuditWriter.class.getName());

    /** What the queue holds: a record to write, or a point that {@link #flush} waits for. */
    private sealed interface Item {
    }

    private record Pending(Occurrence occurrence) implements Item {
    }

    private record FlushPoint(CountDownLatch reached) implements Item {
    }

    private final AuditLog log;
    private final Transactions transactions;
    private final BlockingQueue<Item> queue = new LinkedBlockingQueue<>(CAPACITY);
    private final Thread writer;
    private volatile boolean closing;

    public DeferredAuditWriter(AuditLog log, Transactions transactions) {
        this.log = Objects.requireNonNull(log, "audit log");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.writer = new Thread(this::writeUntilClosed, "signet-audit-writer");
        writer.setDaemon(true);
        writer.start();
    }

    /** @throws AuditUnavailable when the queue stays full (the database away) for {@link #SUBMIT_WAIT} */
    public void submit(Occurrence occurrence) {
        Objects.requireNonNull(occurrence, "occurrence");
        if (closing) {
            throw new AuditUnavailable("the audit trail is closed; " + occurrence.event().eventType()
                    + " cannot be recorded");
        }
        if (!offer(new Pending(occurrence), SUBMIT_WAIT)) {
            throw new AuditUnavailable("the audit trail cannot keep up (" + CAPACITY + " records waiting for the "
                    + "database for " + SUBMIT_WAIT.toSeconds() + " s); " + occurrence.event().eventType()
                    + " was refused");
        }
    }

    /** Waits until everything submitted before this call is in the durable chain; false if {@code wait} passed first. */
    public boolean flush(Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        FlushPoint point = new FlushPoint(new CountDownLatch(1));
        if (!writer.isAlive() || !offer(point, wait)) {
            return queue.isEmpty();
        }
        try {
            return point.reached().await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Flushes (waiting at most {@link #CLOSE_WAIT}) and stops the writer; what is still unwritten is reported. */
    @Override
    public void close() {
        closing = true;
        // twice: a submit that passed its check just before closing was set may have queued after the first
        if (!flush(CLOSE_WAIT) || !flush(CLOSE_WAIT)) {
            long lost = queue.stream().filter(Pending.class::isInstance).count();
            LOG.log(System.Logger.Level.ERROR, "closing with " + lost + " audit records not written to the "
                    + "database (they are in the audit stream)");
        }
        writer.interrupt();
        try {
            writer.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean offer(Item item, Duration wait) {
        try {
            return queue.offer(item, wait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void writeUntilClosed() {
        List<Item> batch = new ArrayList<>(MAX_BATCH);
        try {
            while (true) {
                batch.add(queue.take());
                queue.drainTo(batch, MAX_BATCH - 1);
                List<Occurrence> records = batch.stream().filter(Pending.class::isInstance)
                        .map(item -> ((Pending) item).occurrence()).toList();
                if (!records.isEmpty()) { // a batch of flush points alone needs no transaction
                    writeWithPatience(records, false);
                }
                batch.stream().filter(FlushPoint.class::isInstance)
                        .forEach(item -> ((FlushPoint) item).reached().countDown());
                batch.clear();
            }
        } catch (InterruptedException e) {
            // close() has flushed what it could; the thread ends
        }
    }

    /**
     * Writes the records in one transaction, trying again (with growing pauses) while the database is away.
     * After a failed attempt the next one asks, under the chain's lock, whether the records are there after all:
     * a commit cut off by a lost connection may have happened, and writing them again would record them twice.
     * A batch the database refuses for another reason is written record by record, so that one record it will
     * never take (reported, then dropped) does not hold up every other.
     *
     * @param mayBeWritten whether an earlier attempt at these records failed in a way that may have committed
     */
    private void writeWithPatience(List<Occurrence> records, boolean mayBeWritten) throws InterruptedException {
        Duration pause = FIRST_PAUSE;
        while (true) {
            try {
                if (mayBeWritten) {
                    transactions.inTransaction(() -> log.appendAllUnlessPresent(records));
                } else {
                    transactions.inTransaction(() -> log.appendAll(records));
                }
                return;
            } catch (DatabaseUnavailable e) {
                LOG.log(System.Logger.Level.WARNING, records.size() + " audit records wait for the database: "
                        + e.getMessage());
            } catch (RuntimeException e) {
                if (records.size() > 1) {
                    for (Occurrence record : records) {
                        writeWithPatience(List.of(record), mayBeWritten);
                    }
                    return;
                }
                LOG.log(System.Logger.Level.ERROR, "the database refuses the audit record of "
                        + records.get(0).event().eventType() + " at " + records.get(0).occurredAt()
                        + " (" + e.getMessage() + "); it is in the audit stream only");
                return;
            }
            mayBeWritten = true;
            Thread.sleep(pause.toMillis());
            pause = pause.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause.multipliedBy(2);
        }
    }
}
