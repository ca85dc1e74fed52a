package dev.signet.adapters.persistence.db;

import static dev.signet.adapters.persistence.db.AuditSamples.appendGranted;
import static dev.signet.adapters.persistence.db.AuditSamples.granted;
import static dev.signet.adapters.persistence.db.AuditSamples.revoked;
import static dev.signet.adapters.persistence.db.AuditSamples.tamper;
import static dev.signet.adapters.persistence.db.AuditSamples.verify;
import static dev.signet.adapters.persistence.db.Samples.T0;
import static dev.signet.adapters.persistence.db.Samples.at;
import static dev.signet.adapters.persistence.db.Samples.organization;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signet.adapters.persistence.db.repository.MyBatisAuditLog;
import dev.signet.application.port.out.AuditLog;
import dev.signet.domain.audit.AuditChainVerdict;
import dev.signet.domain.audit.AuditEvent;
import dev.signet.domain.audit.AuditRecord;
import dev.signet.domain.organization.Organization;
import dev.signet.domain.organization.OrganizationId;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

class AuditLogTest {

    @OnEveryDatabase
    void an_empty_chain_has_a_genesis_head_and_is_whole(TestDatabase db) {
        Database database = db.open();

        assertThat(database.auditLog().head()).isEqualTo(new AuditLog.Head(0, AuditRecord.GENESIS_HASH));
        assertThat(database.auditLog().list(Optional.empty(), Optional.empty())).isEmpty();
        assertThat(verify(database)).isEqualTo(AuditChainVerdict.whole(0));
    }

    @OnEveryDatabase
    void appends_form_a_chain_that_verifies_whole(TestDatabase db) {
        Database database = db.open();

        List<AuditRecord> appended = appendGranted(database, 5);

        assertThat(appended).extracting(AuditRecord::position).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(appended.get(0).previousHash()).isEqualTo(AuditRecord.GENESIS_HASH);
        for (int i = 1; i < appended.size(); i++) {
            assertThat(appended.get(i).previousHash()).isEqualTo(appended.get(i - 1).hash());
        }
        assertThat(database.auditLog().list(Optional.empty(), Optional.empty())).isEqualTo(appended);
        assertThat(database.auditLog().head()).isEqualTo(new AuditLog.Head(5, appended.get(4).hash()));
        assertThat(verify(database)).isEqualTo(AuditChainVerdict.whole(5));
    }

    @OnEveryDatabase
    void an_append_inside_a_transaction_that_rolls_back_leaves_neither_record_nor_head_change(TestDatabase db) {
        Database database = db.open();
        AuditRecord first = database.auditLog().append(AuditSamples.occurrence(granted(), T0));
        Organization acme = organization("acme");

        assertThatThrownBy(() -> database.transactions().run(() -> {
            database.organizations().add(acme);
            database.auditLog().append(AuditSamples.occurrence(granted(), at(1)));
            throw new IllegalStateException("boom");
        })).hasMessage("boom");

        assertThat(database.organizations().findById(acme.id())).isEmpty();
        assertThat(database.auditLog().list(Optional.empty(), Optional.empty())).containsExactly(first);
        assertThat(database.auditLog().head()).isEqualTo(new AuditLog.Head(1, first.hash()));
        AuditRecord next = database.auditLog().append(AuditSamples.occurrence(granted(), at(2)));
        assertThat(next.position()).isEqualTo(2);
        assertThat(verify(database).isWhole()).isTrue();
    }

    @OnEveryDatabase
    void an_append_commits_with_the_callers_writes(TestDatabase db) {
        Database database = db.open();
        Organization acme = organization("acme");

        AuditRecord record = database.transactions().inTransaction(() -> {
            database.organizations().add(acme);
            return database.auditLog().append(AuditSamples.occurrence(granted(), T0));
        });

        assertThat(database.organizations().findById(acme.id())).contains(acme);
        assertThat(database.auditLog().list(Optional.empty(), Optional.empty())).containsExactly(record);
    }

    /**
     * The lock on the head lasts until the appending transaction ends, and the waiter then links to what it
     * committed. (Held for long, H2 gives up: see its LOCK_TIMEOUT, about 2 s here; PostgreSQL waits.)
     */
    @OnEveryDatabase
    void an_appender_waits_for_a_transaction_that_appended_and_then_follows_its_record(TestDatabase db) {
        Database database = db.open();
        Database other = db.open();

        CompletableFuture<AuditRecord> waiting = database.transactions().inTransaction(() -> {
            database.auditLog().append(AuditSamples.occurrence(granted(), T0));
            CompletableFuture<AuditRecord> second =
                    CompletableFuture.supplyAsync(() -> other.auditLog().append(AuditSamples.occurrence(granted(), at(1))));
            sleep(Duration.ofMillis(500));
            assertThat(second).as("blocked on the head").isNotDone();
            return second;
        });

        AuditRecord second = waiting.orTimeout(30, TimeUnit.SECONDS).join();
        assertThat(second.position()).isEqualTo(2);
        assertThat(verify(database)).isEqualTo(AuditChainVerdict.whole(2));
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Each appender has its own connection pool, as separate processes would: no lock in the JVM helps. */
    @OnEveryDatabase
    void concurrent_appenders_get_positions_without_gaps_and_a_whole_chain(TestDatabase db) throws Exception {
        int threads = 4;
        int appendsEach = 25;
        db.open(); // migrate once, before the race
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<List<Long>>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Database own = db.open();
                Callable<List<Long>> appender = () -> {
                    start.await();
                    List<Long> positions = new ArrayList<>();
                    for (int i = 0; i < appendsEach; i++) {
                        positions.add(own.auditLog().append(AuditSamples.occurrence(granted(), Instant.now())).position());
                    }
                    return positions;
                };
                results.add(pool.submit(appender));
            }
            List<Long> positions = new ArrayList<>();
            for (Future<List<Long>> result : results) {
                positions.addAll(result.get(120, TimeUnit.SECONDS));
            }
            assertThat(positions).containsExactlyInAnyOrderElementsOf(
                    LongStream.rangeClosed(1, threads * appendsEach).boxed().toList());
        } finally {
            pool.shutdownNow();
        }
        Database database = db.open();
        assertThat(database.auditLog().head().position()).isEqualTo(100);
        assertThat(verify(database)).isEqualTo(AuditChainVerdict.whole(100));
    }

    @OnEveryDatabase
    void list_filters_by_event_type_and_time_in_position_order(TestDatabase db) {
        Database database = db.open();
        AuditLog log = database.auditLog();
        // positions and times deliberately disagree in order: the list follows positions
        AuditRecord grantedLate = log.append(AuditSamples.occurrence(granted(), at(10)));
        AuditRecord revokedEarly = log.append(AuditSamples.occurrence(revoked(), at(1)));
        AuditRecord grantedEarly = log.append(AuditSamples.occurrence(granted(), at(2)));
        AuditRecord revokedLate = log.append(AuditSamples.occurrence(revoked(), at(20)));

        assertThat(log.list(Optional.of("key.trust_acl.granted"), Optional.empty()))
                .containsExactly(grantedLate, grantedEarly);
        assertThat(log.list(Optional.empty(), Optional.of(at(10))))
                .as("since is inclusive").containsExactly(grantedLate, revokedLate);
        assertThat(log.list(Optional.of("key.trust_acl.revoked"), Optional.of(at(2))))
                .containsExactly(revokedLate);
        assertThat(log.list(Optional.of("package.signed"), Optional.empty())).isEmpty();
        assertThat(log.list(Optional.empty(), Optional.empty()))
                .containsExactly(grantedLate, revokedEarly, grantedEarly, revokedLate);
    }

    @OnEveryDatabase
    void times_finer_than_microseconds_are_truncated_before_hashing_so_the_chain_verifies_after_a_round_trip(
            TestDatabase db) {
        Database database = db.open();
        Instant nanos = Instant.parse("2026-01-28T12:00:00.123456789Z");
        Instant wholeSecond = Instant.parse("2026-01-28T12:00:01Z");

        AuditRecord fine = database.auditLog().append(AuditSamples.occurrence(granted(), nanos));
        AuditRecord coarse = database.auditLog().append(AuditSamples.occurrence(granted(), wholeSecond));

        assertThat(fine.occurredAt()).isEqualTo(nanos.truncatedTo(ChronoUnit.MICROS));
        assertThat(coarse.occurredAt()).isEqualTo(wholeSecond);
        database.close();
        Database reopened = db.open();
        assertThat(reopened.auditLog().list(Optional.empty(), Optional.empty())).containsExactly(fine, coarse);
        assertThat(reopened.auditLog().list(Optional.empty(), Optional.empty()))
                .allSatisfy(record -> assertThat(record.isIntact()).isTrue());
        assertThat(verify(reopened)).isEqualTo(AuditChainVerdict.whole(2));
    }

    @OnEveryDatabase
    void every_record_is_fed_in_position_order_across_pages_until_the_consumer_stops(TestDatabase db) {
        Database database = db.open();
        int count = 1203; // more than two pages
        database.transactions().run(() -> appendGranted(database, count));

        List<Long> all = new ArrayList<>();
        database.auditLog().forEachRecord(record -> all.add(record.position()));
        List<Long> firstThree = new ArrayList<>();
        database.auditLog().forEachRecord(record -> firstThree.add(record.position()) && firstThree.size() < 3);

        assertThat(all).isEqualTo(LongStream.rangeClosed(1, count).boxed().toList());
        assertThat(firstThree).containsExactly(1L, 2L, 3L);
        assertThat(verify(database)).isEqualTo(AuditChainVerdict.whole(count));
        // the service's pages (GET /v1/audit/events): by position, the same records as the walk
        assertThat(database.transactions().inTransaction(() -> database.auditLog().page(1000, 5)))
                .extracting(AuditRecord::position).containsExactly(1001L, 1002L, 1003L, 1004L, 1005L);
        assertThat(database.transactions().inTransaction(() -> database.auditLog().page(1200, 10)))
                .extracting(AuditRecord::position).containsExactly(1201L, 1202L, 1203L);
        assertThat(database.transactions().inTransaction(() -> database.auditLog().page(count, 10))).isEmpty();
    }

    /** The reproduced case: a package path of 2,793 control characters, six characters each once escaped. */
    @OnEveryDatabase
    void text_too_wide_for_the_column_is_stored_cut_to_fit_and_marked_and_the_chain_still_verifies(TestDatabase db) {
        Database database = db.open();
        String path = "\u0001".repeat(2_793);
        String pairs = "\ud83d\udd11".repeat(MyBatisAuditLog.MAX_PAYLOAD_CHARACTERS); // two UTF-16 units each
        AuditEvent event = new AuditEvent.PackageLoadFailed(OrganizationId.random(), path, pairs, "\u00e9".repeat(20_000));

        AuditRecord stored = database.auditLog().append(AuditSamples.occurrence(event, T0));

        assertThat(stored.payload().length()).isLessThanOrEqualTo(MyBatisAuditLog.MAX_PAYLOAD_CHARACTERS);
        assertThat(stored.payload()).contains("\"package_path_truncated\":true", "\"package_path_sha256\":\"",
                "\"error_truncated\":true", "\"failure_reason_truncated\":true");
        assertThat(database.auditLog().list(Optional.empty(), Optional.empty())).containsExactly(stored);
        assertThat(verify(database)).isEqualTo(AuditChainVerdict.whole(1));
    }

    @OnEveryDatabase
    void a_batch_appends_in_order_as_one_chain_across_several_inserts(TestDatabase db) {
        Database database = db.open();
        AuditRecord first = database.auditLog().append(AuditSamples.occurrence(granted(), T0));
        List<AuditLog.Occurrence> batch = LongStream.rangeClosed(1, 1_234)
                .mapToObj(i -> AuditSamples.occurrence(i % 2 == 0 ? granted() : revoked(), at(i))).toList();

        List<AuditRecord> appended = database.auditLog().appendAll(batch);

        assertThat(appended).extracting(AuditRecord::position)
                .isEqualTo(LongStream.rangeClosed(2, 1_235).boxed().toList());
        assertThat(appended.get(0).previousHash()).isEqualTo(first.hash());
        assertThat(appended).extracting(AuditRecord::eventType)
                .isEqualTo(batch.stream().map(o -> o.event().eventType()).toList());
        assertThat(database.auditLog().head()).isEqualTo(new AuditLog.Head(1_235, appended.get(1_233).hash()));
        assertThat(verify(database)).isEqualTo(AuditChainVerdict.whole(1_235));
        assertThat(database.auditLog().appendAll(List.of())).isEmpty();
    }

    @OnEveryDatabase
    void a_batch_with_one_refused_event_appends_none_of_it(TestDatabase db) throws Exception {
        Database database = db.open();
        AuditRecord first = database.auditLog().append(AuditSamples.occurrence(granted(), T0));
        tamper(db, "ALTER TABLE audit_events ADD CONSTRAINT ck_test_refused CHECK (payload NOT LIKE '%refuse me%')");

        assertThatThrownBy(() -> database.auditLog().appendAll(List.of(AuditSamples.occurrence(granted(), at(1)),
                AuditSamples.occurrence(new AuditEvent.PackageSignFailed("/p", "refuse me"), at(2)))))
                .isInstanceOf(RuntimeException.class);

        assertThat(database.auditLog().list(Optional.empty(), Optional.empty())).containsExactly(first);
        assertThat(verify(database)).isEqualTo(AuditChainVerdict.whole(1));
    }

    @OnEveryDatabase
    void a_run_of_events_is_found_only_if_it_was_appended_in_that_order_at_those_times(TestDatabase db) {
        Database database = db.open();
        database.auditLog().append(AuditSamples.occurrence(granted(), T0));
        AuditLog.Occurrence first = AuditSamples.occurrence(granted(), at(1));
        AuditLog.Occurrence second = AuditSamples.occurrence(revoked(), at(2));
        AuditLog.Occurrence third = AuditSamples.occurrence(granted(), at(3));

        assertThat(database.auditLog().containsRun(List.of(first, second))).isFalse();
        database.auditLog().appendAll(List.of(first, second, third));

        assertThat(database.auditLog().containsRun(List.of(first, second, third))).isTrue();
        assertThat(database.auditLog().containsRun(List.of(second, third))).isTrue();
        assertThat(database.auditLog().containsRun(List.of(first, third))).as("not one after another").isFalse();
        assertThat(database.auditLog().containsRun(List.of(second, first))).as("another order").isFalse();
        assertThat(database.auditLog().containsRun(List.of(AuditSamples.occurrence(first.event(), at(9)))))
                .as("another time").isFalse();
        assertThat(database.auditLog().containsRun(List.of(third, AuditSamples.occurrence(granted(), at(4)))))
                .as("past the end").isFalse();
    }

    @OnEveryDatabase
    void appending_unless_present_appends_a_run_once(TestDatabase db) {
        Database database = db.open();
        List<AuditLog.Occurrence> run = List.of(AuditSamples.occurrence(granted(), at(1)),
                AuditSamples.occurrence(revoked(), at(2)));

        assertThat(database.auditLog().appendAllUnlessPresent(run)).hasSize(2);
        assertThat(database.auditLog().appendAllUnlessPresent(run)).as("already there").isEmpty();

        assertThat(database.auditLog().head().position()).isEqualTo(2);
        assertThat(verify(database)).isEqualTo(AuditChainVerdict.whole(2));
    }
}
