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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Writes the durable records of events that change nothing (verifications, package loads) by group commit
 * (decision 0005): callers queue their records, one background thread appends whatever has queued up in one
 * transaction, then releases every caller of that batch, each with success or with the typed failure of its own
 * record. A verification so never queues on the chain's lock behind the others, and never succeeds unrecorded:
 * {@link #submit} returns only once its record is in the chain.
 *
 * <p>Nothing succeeds unrecorded. When the database is away, {@link #submit} fails with
 * {@link AuditUnavailable} after {@code durableWait} (the record stays queued and is written once the database
 * is back: the chain may then hold the record of an operation that was refused, never lack the record of one
 * that succeeded). A record the database refuses (too large, a damaged chain) fails its own operation, and
 * only that one: the batch is then written record by record. {@link #flush} returns once everything submitted
 * before it is settled; {@link #close} flushes, then fails what is left.
 */
public final class DeferredAuditWriter implements AutoCloseable {
    private static final int CAPACITY = 65_536;
    private static final int MAX_BATCH = 2_000;
    /** How long a caller waits, in all, for its record to be in the chain. */
    public static final Duration DURABLE_WAIT = Duration.ofSeconds(10);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(30);
    private static final Duration FIRST_PAUSE = Duration.ofMillis(200);
    private static final Duration LONGEST_PAUSE = Duration.ofSeconds(5);
    private static final System.Logger LOG = System.getLogger(DeferredAuditWriter.class.getName());

    /** What the queue holds: a record to write, or a point that {@link #flush} waits for. */
    private sealed interface Item {
    }

    /** A record and its caller's wait: completed once the record is in the chain, or with why it is not. */
    private record Pending(Occurrence occurrence, CompletableFuture<Void> durable) implements Item {
        String describe() {
            return "the audit record of " + occurrence.event().eventType() + " at " + occurrence.occurredAt();
        }
    }

    private record FlushPoint(CountDownLatch reached) implements Item {
    }

    private final AuditLog log;
    private final Transactions transactions;
    private final Duration durableWait;
    private final BlockingQueue<Item> queue = new LinkedBlockingQueue<>(CAPACITY);
    private final Thread writer;
    private volatile boolean closing;

    public DeferredAuditWriter(AuditLog log, Transactions transactions) {
        this(log, transactions, DURABLE_WAIT);
    }

    /** @param durableWait how long {@link #submit} waits for its record to be in the chain before it fails */
    public DeferredAuditWriter(AuditLog log, Transactions transactions, Duration durableWait) {
        this.log = Objects.requireNonNull(log, "audit log");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.durableWait = Objects.requireNonNull(durableWait, "durable wait");
        this.writer = new Thread(this::writeUntilClosed, "signet-audit-writer");
        writer.setDaemon(true);
        writer.start();
    }

    /**
     * Returns once the record is in the durable chain.
     *
     * @throws AuditUnavailable when it is not there within the wait (the database away), the database refuses
     *         it, or the writer is closed: the operation the record describes must then fail
     */
    public void submit(Occurrence occurrence) {
        Objects.requireNonNull(occurrence, "occurrence");
        long deadline = System.nanoTime() + durableWait.toNanos();
        String type = occurrence.event().eventType();
        if (closing) {
            throw new AuditUnavailable("the audit trail is closed; " + type + " cannot be recorded");
        }
        Pending pending = new Pending(occurrence, new CompletableFuture<>());
        if (!offer(pending, durableWait)) {
            throw new AuditUnavailable("the audit trail cannot keep up (" + CAPACITY + " records waiting for the "
                    + "database for " + describe(durableWait) + "); " + type + " was refused");
        }
        try {
            pending.durable().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            // a new exception, so that the caller's stack is the one it shows; the writer's cause stays attached
            throw new AuditUnavailable(e.getCause().getMessage(), e.getCause().getCause());
        } catch (TimeoutException e) {
            throw new AuditUnavailable("the audit record of " + type + " is not in the database after "
                    + describe(durableWait) + " (the database is away); the operation is refused, its record "
                    + "stays queued");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AuditUnavailable("interrupted while waiting for the audit record of " + type
                    + "; the operation is refused");
        }
    }

    /** How many records (and flush points) wait for the writer now: the audit queue's depth. */
    public int depth() {
        return queue.size();
    }

    /** Waits until everything submitted before this call is settled (written or failed); false if {@code wait} passed first. */
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

    /** Flushes (waiting at most {@link #CLOSE_WAIT}) and stops the writer; what is still unwritten fails and is reported. */
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
        List<Item> left = new ArrayList<>();
        queue.drainTo(left);
        failAll(left, "the audit trail closed before it was written");
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
                List<Pending> records = batch.stream().filter(Pending.class::isInstance)
                        .map(Pending.class::cast).toList();
                if (!records.isEmpty()) { // a batch of flush points alone needs no transaction
                    writeWithPatience(records, false);
                }
                batch.stream().filter(FlushPoint.class::isInstance)
                        .forEach(item -> ((FlushPoint) item).reached().countDown());
                batch.clear();
            }
        } catch (InterruptedException e) {
            // close() has flushed what it could; no caller of the batch in hand is left waiting
            failAll(batch, "the audit trail closed before it was written");
        }
    }

    /**
     * Writes the records in one transaction, trying again (with growing pauses) while the database is away, and
     * releases their callers. After a failed attempt the next one asks, under the chain's lock, whether the
     * records are there after all: a commit cut off by a lost connection may have happened, and writing them
     * again would record them twice. A batch the database refuses for another reason is written record by
     * record, so that one record it will never take fails its own caller and holds up no other.
     *
     * @param mayBeWritten whether an earlier attempt at these records failed in a way that may have committed
     */
    private void writeWithPatience(List<Pending> records, boolean mayBeWritten) throws InterruptedException {
        List<Occurrence> occurrences = records.stream().map(Pending::occurrence).toList();
        Duration pause = FIRST_PAUSE;
        while (true) {
            try {
                if (mayBeWritten) {
                    transactions.inTransaction(() -> log.appendAllUnlessPresent(occurrences));
                } else {
                    transactions.inTransaction(() -> log.appendAll(occurrences));
                }
                records.forEach(record -> record.durable().complete(null));
                return;
            } catch (DatabaseUnavailable e) {
                LOG.log(System.Logger.Level.WARNING, records.size() + " audit records wait for the database: "
                        + e.getMessage());
            } catch (RuntimeException e) {
                if (records.size() > 1) {
                    for (Pending record : records) {
                        writeWithPatience(List.of(record), mayBeWritten);
                    }
                    return;
                }
                Pending refused = records.get(0);
                String why = oneLine(e.getMessage());
                LOG.log(System.Logger.Level.ERROR, "the database refuses " + refused.describe() + " (" + why
                        + "); its operation fails");
                refused.durable().completeExceptionally(new AuditUnavailable("the database refuses "
                        + refused.describe() + " (" + why + "); the operation is refused", e));
                return;
            }
            mayBeWritten = true;
            Thread.sleep(pause.toMillis());
            pause = pause.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause.multipliedBy(2);
        }
    }

    private static String describe(Duration wait) {
        return wait.toMillis() % 1000 == 0 ? wait.toSeconds() + " s" : wait.toMillis() + " ms";
    }

    /** A driver's message can run to many lines (and quote the statement): its first line, bounded. */
    private static String oneLine(String message) {
        String first = message == null ? "no message" : message.strip().lines().findFirst().orElse("no message");
        return first.length() > 300 ? first.substring(0, 300) + "..." : first;
    }

    private static void failAll(List<Item> items, String why) {
        for (Item item : items) {
            if (item instanceof Pending pending) {
                pending.durable().completeExceptionally(new AuditUnavailable(pending.describe() + " was not "
                        + "written: " + why + "; the operation is refused"));
            } else if (item instanceof FlushPoint point) {
                point.reached().countDown();
            }
        }
    }
}
