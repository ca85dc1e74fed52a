package dev.signet.adapters.persistence.db;

import static dev.signet.adapters.persistence.db.AuditSamples.appendGranted;
import static dev.signet.adapters.persistence.db.AuditSamples.granted;
import static dev.signet.adapters.persistence.db.AuditSamples.revoked;
import static dev.signet.adapters.persistence.db.AuditSamples.tamper;
import static dev.signet.adapters.persistence.db.AuditSamples.verify;
import static dev.signet.adapters.persistence.db.Samples.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signet.application.port.out.AuditLog;
import dev.signet.application.port.out.AuditUnavailable;
import dev.signet.application.port.out.DatabaseUnavailable;
import dev.signet.application.port.out.Transactions;
import dev.signet.application.service.DeferredAuditWriter;
import dev.signet.domain.audit.AuditEvent;
import dev.signet.domain.audit.AuditChainVerdict;
import dev.signet.domain.audit.AuditRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Records committed in groups: none lost, none doubled, the chain whole, a flush that means it, and no submit
 * that returns before its record is in the chain or that hides why it is not.
 */
class DeferredAuditWriterTest {

    @OnEveryDatabase
    void records_from_many_threads_all_reach_the_chain_once_by_the_time_flush_returns(TestDatabase db) throws Exception {
        Database database = db.open();
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try (DeferredAuditWriter writer = new DeferredAuditWriter(database.auditLog(), database.transactions())) {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                done.add(threads.submit(() -> {
                    for (int i = 0; i < 1_000; i++) {
                        writer.submit(AuditSamples.occurrence(granted(), at(i)));
                    }
                }));
            }
            for (Future<?> thread : done) {
                thread.get();
            }

            assertThat(writer.flush(Duration.ofSeconds(30))).isTrue();

            List<AuditRecord> records = database.auditLog().list(Optional.empty(), Optional.empty());
            assertThat(records).hasSize(4_000);
            assertThat(records).extracting(AuditRecord::payload).doesNotHaveDuplicates();
            assertThat(verify(database)).isEqualTo(AuditChainVerdict.whole(4_000));
        } finally {
            threads.shutdownNow();
        }
    }

    @OnEveryDatabase
    void closing_writes_what_is_still_waiting_and_refuses_what_comes_after(TestDatabase db) {
        Database database = db.open();
        DeferredAuditWriter writer = new DeferredAuditWriter(database.auditLog(), database.transactions());
        for (int i = 0; i < 500; i++) {
            writer.submit(AuditSamples.occurrence(granted(), at(i)));
        }

        writer.close();

        assertThat(database.auditLog().head().position()).isEqualTo(500);
        assertThatThrownBy(() -> writer.submit(AuditSamples.occurrence(granted(), at(501))))
                .isInstanceOf(AuditUnavailable.class)
                .hasMessage("the audit trail is closed; key.trust_acl.granted cannot be recorded");
    }

    @OnEveryDatabase
    void a_submit_returns_only_once_its_record_is_in_the_chain(TestDatabase db) {
        Database database = db.open();
        try (DeferredAuditWriter writer = new DeferredAuditWriter(database.auditLog(), database.transactions())) {
            for (int i = 1; i <= 20; i++) {
                writer.submit(AuditSamples.occurrence(granted(), at(i)));

                assertThat(database.auditLog().head().position()).isEqualTo(i);
            }
        }
    }

    @OnEveryDatabase
    void a_record_the_database_refuses_fails_its_own_submit_and_holds_up_no_other(TestDatabase db) throws Exception {
        Database database = db.open();
        tamper(db, "ALTER TABLE audit_events ADD CONSTRAINT ck_test_refused CHECK (payload NOT LIKE '%refuse me%')");
        ExecutorService threads = Executors.newFixedThreadPool(3);
        try (DeferredAuditWriter writer = new DeferredAuditWriter(database.auditLog(), database.transactions())) {
            List<Future<?>> submits = new ArrayList<>();
            for (AuditEvent event : List.of(granted(), new AuditEvent.PackageSignFailed("/p", "refuse me"), granted())) {
                submits.add(threads.submit(() -> writer.submit(AuditSamples.occurrence(event, at(1)))));
            }

            submits.get(0).get();
            assertThatThrownBy(() -> submits.get(1).get()).cause().isInstanceOf(AuditUnavailable.class)
                    .hasMessageStartingWith("the database refuses the audit record of package.sign.failure at ")
                    .hasMessageEndingWith("; the operation is refused");
            submits.get(2).get();
        } finally {
            threads.shutdownNow();
        }

        assertThat(database.auditLog().list(Optional.empty(), Optional.empty()))
                .extracting(AuditRecord::eventType).containsExactly("key.trust_acl.granted", "key.trust_acl.granted");
        assertThat(verify(database)).isEqualTo(AuditChainVerdict.whole(2));
    }

    /** Changes are refused on a damaged chain (AuditTamperingTest); records of verifications must not be dropped instead. */
    @OnEveryDatabase
    void a_damaged_chain_head_fails_the_submit_rather_than_dropping_the_record(TestDatabase db) throws Exception {
        Database database = db.open();
        List<AuditRecord> records = appendGranted(database, 2);
        tamper(db, "UPDATE audit_chain_head SET last_hash = '" + records.get(0).hash() + "'");

        try (DeferredAuditWriter writer = new DeferredAuditWriter(database.auditLog(), database.transactions())) {
            assertThatThrownBy(() -> writer.submit(AuditSamples.occurrence(granted(), at(3))))
                    .isInstanceOf(AuditUnavailable.class)
                    .hasMessageContaining("cannot append to the audit chain: record 2 does not match the chain head");
        }
        assertThat(database.auditLog().list(Optional.empty(), Optional.empty())).hasSize(2);
    }

    @OnEveryDatabase
    void with_the_database_away_a_submit_fails_after_its_wait_and_the_record_is_written_once_it_is_back(
            TestDatabase db) {
        Database database = db.open();
        AtomicBoolean away = new AtomicBoolean(true);
        Transactions flaky = new Transactions() {
            @Override
            public <T> T inTransaction(Supplier<T> work) {
                if (away.get()) {
                    throw new DatabaseUnavailable("database unreachable after 3 attempts", null);
                }
                return database.transactions().inTransaction(work);
            }
        };
        try (DeferredAuditWriter writer = new DeferredAuditWriter(database.auditLog(), flaky, Duration.ofSeconds(1))) {
            assertThatThrownBy(() -> writer.submit(AuditSamples.occurrence(granted(), at(1))))
                    .isInstanceOf(AuditUnavailable.class)
                    .hasMessage("the audit record of key.trust_acl.granted is not in the database after 1 s (the "
                            + "database is away); the operation is refused, its record stays queued");

            away.set(false);
            writer.submit(AuditSamples.occurrence(revoked(), at(2)));
        }
        assertThat(database.auditLog().list(Optional.empty(), Optional.empty())).extracting(AuditRecord::eventType)
                .containsExactly("key.trust_acl.granted", "key.trust_acl.revoked");
    }
}
