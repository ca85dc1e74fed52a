package dev.signet.adapters.persistence.db;

import static dev.signet.adapters.persistence.db.AuditSamples.granted;
import static dev.signet.adapters.persistence.db.AuditSamples.verify;
import static dev.signet.adapters.persistence.db.Samples.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signet.application.port.out.AuditLog;
import dev.signet.application.port.out.AuditUnavailable;
import dev.signet.adapters.persistence.db.repository.MyBatisAuditLog;
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

/** Records written behind their callers: none lost, none doubled, the chain whole, a flush that means it. */
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
                        writer.submit(new AuditLog.Occurrence(granted(), at(i)));
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
            writer.submit(new AuditLog.Occurrence(granted(), at(i)));
        }

        writer.close();

        assertThat(database.auditLog().head().position()).isEqualTo(500);
        assertThatThrownBy(() -> writer.submit(new AuditLog.Occurrence(granted(), at(501))))
                .isInstanceOf(AuditUnavailable.class)
                .hasMessage("the audit trail is closed; key.trust_acl.granted cannot be recorded");
    }

    @OnEveryDatabase
    void a_record_the_database_refuses_outright_is_left_out_and_holds_up_no_other(TestDatabase db) {
        Database database = db.open();
        String tooWide = "x".repeat(MyBatisAuditLog.MAX_PAYLOAD_CHARACTERS);
        try (DeferredAuditWriter writer = new DeferredAuditWriter(database.auditLog(), database.transactions())) {
            writer.submit(new AuditLog.Occurrence(granted(), at(1)));
            writer.submit(new AuditLog.Occurrence(new AuditEvent.PackageSignFailed("/p", tooWide), at(2)));
            writer.submit(new AuditLog.Occurrence(granted(), at(3)));

            assertThat(writer.flush(Duration.ofSeconds(30))).isTrue();
        }

        assertThat(database.auditLog().list(Optional.empty(), Optional.empty()))
                .extracting(AuditRecord::eventType).containsExactly("key.trust_acl.granted", "key.trust_acl.granted");
        assertThat(verify(database)).isEqualTo(AuditChainVerdict.whole(2));
    }
}
