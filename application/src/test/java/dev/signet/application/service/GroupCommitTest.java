package dev.signet.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signet.application.port.in.Caller;
import dev.signet.application.port.out.DatabaseUnavailable;
import dev.signet.application.port.out.Transactions;
import dev.signet.domain.audit.Actor;
import dev.signet.domain.audit.AuditEvent;
import dev.signet.domain.organization.OrganizationId;
import dev.signet.domain.principal.Forbidden;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GroupCommitTest {
    private final MemoryTransactions transactions = new MemoryTransactions();
    private final GroupCommit groupCommit = new GroupCommit(transactions, event -> {
    });
    private final ExecutorService threads = Executors.newFixedThreadPool(4);
    private final CountDownLatch firstEntered = new CountDownLatch(1);
    private final CountDownLatch releaseFirst = new CountDownLatch(1);

    @AfterEach
    void stop() {
        releaseFirst.countDown();
        threads.shutdownNow();
    }

    @Test
    void units_that_queue_while_a_batch_runs_share_the_next_transaction_and_return_once_it_committed()
            throws Exception {
        Future<String> first = threads.submit(() -> groupCommit.run(blockingWrite("a")));
        assertThat(firstEntered.await(5, TimeUnit.SECONDS)).isTrue();
        List<Future<String>> others = new ArrayList<>();
        for (String name : List.of("b", "c", "d")) {
            others.add(threads.submit(() -> groupCommit.run(() -> {
                transactions.write(name);
                return name;
            })));
        }
        awaitQueued(3);
        assertThat(transactions.committed).isEmpty();
        releaseFirst.countDown();

        assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo("a");
        for (Future<String> other : others) {
            String name = other.get(5, TimeUnit.SECONDS);
            assertThat(transactions.committed).contains(name); // returned only once committed
        }
        assertThat(transactions.commits.get()).isEqualTo(2);
        assertThat(transactions.committed).containsExactlyInAnyOrder("a", "b", "c", "d");
    }

    @Test
    void a_unit_that_fails_fails_alone_and_its_batch_mates_commit_once_each() throws Exception {
        Future<String> first = threads.submit(() -> groupCommit.run(blockingWrite("a")));
        assertThat(firstEntered.await(5, TimeUnit.SECONDS)).isTrue();
        AtomicInteger runsOfB = new AtomicInteger();
        Future<String> b = threads.submit(() -> groupCommit.run(() -> {
            runsOfB.incrementAndGet();
            transactions.write("b");
            return "b";
        }));
        awaitQueued(1);
        Future<String> refused = threads.submit(() -> groupCommit.run(() -> {
            transactions.write("refused");
            throw new Forbidden("token t-1 may not sign with key k");
        }));
        awaitQueued(2);
        Future<String> d = threads.submit(() -> groupCommit.run(() -> {
            transactions.write("d");
            return "d";
        }));
        awaitQueued(3);
        releaseFirst.countDown();

        assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo("a");
        assertThat(b.get(5, TimeUnit.SECONDS)).isEqualTo("b");
        assertThat(d.get(5, TimeUnit.SECONDS)).isEqualTo("d");
        assertThatThrownBy(() -> refused.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(Forbidden.class)
                .hasMessageContaining("may not sign");
        assertThat(transactions.committed).containsExactlyInAnyOrder("a", "b", "d");
        assertThat(runsOfB.get()).isEqualTo(2); // rolled back with the refusal, then run again
    }

    @Test
    void a_failed_commit_fails_every_unit_of_its_batch() {
        transactions.failCommit = new DatabaseUnavailable("the connection to the database failed while committing",
                new IllegalStateException("connection reset"));
        assertThatThrownBy(() -> groupCommit.run(() -> {
            transactions.write("a");
            return "a";
        })).isInstanceOf(DatabaseUnavailable.class);
        assertThat(transactions.committed).isEmpty();
        transactions.failCommit = null;
        assertThat(groupCommit.run(() -> "next")).isEqualTo("next"); // no leader left behind
    }

    @Test
    void each_unit_runs_as_its_own_caller_on_whichever_thread_leads() throws Exception {
        Future<String> first = threads.submit(() -> groupCommit.run(blockingWrite("a")));
        assertThat(firstEntered.await(5, TimeUnit.SECONDS)).isTrue();
        List<Future<String>> actors = new ArrayList<>();
        for (String id : List.of("tok_alice", "tok_bob")) {
            actors.add(threads.submit(() -> Caller.callAs(Caller.of(new Actor("token", id)),
                    () -> groupCommit.run(() -> Caller.current().actor().id()))));
        }
        awaitQueued(2);
        releaseFirst.countDown();
        first.get(5, TimeUnit.SECONDS);
        assertThat(actors.get(0).get(5, TimeUnit.SECONDS)).isEqualTo("tok_alice");
        assertThat(actors.get(1).get(5, TimeUnit.SECONDS)).isEqualTo("tok_bob");
    }

    @Test
    void a_batchs_records_go_into_the_chain_together_at_its_end_each_naming_its_own_caller() throws Exception {
        AuditNamesTheCallerTest.MemoryAuditLog log = new AuditNamesTheCallerTest.MemoryAuditLog();
        List<String> streamedBy = Collections.synchronizedList(new ArrayList<>());
        try (DeferredAuditWriter deferred = new DeferredAuditWriter(log, transactions)) {
            DurableAuditTrail trail = new DurableAuditTrail(log, deferred,
                    event -> streamedBy.add(Caller.current().actor().id()), Clock.systemUTC());
            GroupCommit recording = new GroupCommit(transactions, trail);
            Future<?> first = threads.submit(() -> Caller.callAs(Caller.of(new Actor("token", "tok_first")),
                    () -> recording.run(() -> {
                        trail.record(new AuditEvent.OrganizationCreated(OrganizationId.random(), "first"));
                        return null;
                    })));
            first.get(5, TimeUnit.SECONDS);
            assertThat(log.appended).hasSize(1);
            // a unit's record is held back until every unit of its batch has run
            List<Integer> chainSizeSeenBySecond = Collections.synchronizedList(new ArrayList<>());
            Caller.callAs(Caller.of(new Actor("token", "tok_second")), () -> recording.run(() -> {
                trail.record(new AuditEvent.OrganizationCreated(OrganizationId.random(), "second"));
                chainSizeSeenBySecond.add(log.appended.size());
                return null;
            }));
            assertThat(chainSizeSeenBySecond).containsExactly(1);
            assertThat(log.appended).hasSize(2);
            assertThat(log.appended).extracting(occurrence -> occurrence.origin().actor().id())
                    .containsExactly("tok_first", "tok_second");
            assertThat(streamedBy).containsExactly("tok_first", "tok_second");
        }
    }

    /** Writes {@code name}, then holds its batch open until the test lets it go. */
    private Supplier<String> blockingWrite(String name) {
        return () -> {
            transactions.write(name);
            firstEntered.countDown();
            try {
                assertThat(releaseFirst.await(5, TimeUnit.SECONDS)).isTrue();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return name;
        };
    }

    private void awaitQueued(int units) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(5));
        while (groupCommit.queued() < units) {
            assertThat(Instant.now()).isBefore(deadline);
            Thread.sleep(1);
        }
    }

    /** Transactions over a list: what a transaction wrote joins {@link #committed} when it commits, or is dropped. */
    static final class MemoryTransactions implements Transactions {
        final List<String> committed = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger commits = new AtomicInteger();
        volatile RuntimeException failCommit;
        private final ThreadLocal<List<String>> open = new ThreadLocal<>();

        @Override
        public <T> T inTransaction(Supplier<T> work) {
            if (open.get() != null) {
                return work.get();
            }
            List<String> writes = new ArrayList<>();
            open.set(writes);
            try {
                T result = work.get();
                if (failCommit != null) {
                    throw failCommit;
                }
                committed.addAll(writes);
                commits.incrementAndGet();
                return result;
            } finally {
                open.remove();
            }
        }

        void write(String name) {
            open.get().add(name);
        }
    }
}
