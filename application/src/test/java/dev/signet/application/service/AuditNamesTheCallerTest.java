package dev.signet.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.application.port.in.Caller;
import dev.signet.application.port.out.AuditLog;
import dev.signet.application.port.out.AuditTrail;
import dev.signet.application.port.out.Transactions;
import dev.signet.domain.audit.Actor;
import dev.signet.domain.audit.AuditEvent;
import dev.signet.domain.audit.AuditOrigin;
import dev.signet.domain.audit.AuditRecord;
import dev.signet.domain.key.KeyFingerprint;
import dev.signet.domain.organization.OrganizationId;
import dev.signet.domain.signature.PackageHash;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class AuditNamesTheCallerTest {
    private static final Caller ALICE_REQUEST = new Caller(new Actor("token", "tok_alice"), Optional.of("192.0.2.1"),
            Optional.of("req-alice"));
    private static final Caller BOB_REQUEST = new Caller(new Actor("oidc", "repo:acme/app"), Optional.of("192.0.2.2"),
            Optional.of("req-bob"));

    /** Keeps what it is given in memory; enough for the trail, which only appends. */
    static final class MemoryAuditLog implements AuditLog {
        final List<Occurrence> appended = Collections.synchronizedList(new ArrayList<>());
        final List<String> appendingThreads = Collections.synchronizedList(new ArrayList<>());

        @Override
        public AuditRecord append(Occurrence occurrence) {
            return appendAll(List.of(occurrence)).get(0);
        }

        @Override
        public synchronized List<AuditRecord> appendAll(List<Occurrence> events) {
            List<AuditRecord> records = new ArrayList<>();
            for (Occurrence occurrence : events) {
                appended.add(occurrence);
                appendingThreads.add(Thread.currentThread().getName());
                records.add(AuditRecord.append(null, occurrence.event(), occurrence.origin(), occurrence.occurredAt()));
            }
            return records;
        }

        @Override
        public boolean containsRun(List<Occurrence> events) {
            return false;
        }

        @Override
        public List<AuditRecord> appendAllUnlessPresent(List<Occurrence> events) {
            return appendAll(events);
        }

        @Override
        public List<AuditRecord> list(Optional<String> eventType, Optional<Instant> since) {
            return List.of();
        }

        @Override
        public void forEachRecord(Predicate<AuditRecord> consumer) {
        }

        @Override
        public Head head() {
            return new Head(0, AuditRecord.GENESIS_HASH);
        }
    }

    /** What the stream was given, with the caller current on the thread that gave it. */
    static final class CallerRecordingStream implements AuditTrail {
        final List<AuditOrigin> origins = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void record(AuditEvent event) {
            origins.add(Caller.current().origin());
        }
    }

    private static final Transactions NO_TRANSACTION = new Transactions() {
        @Override
        public <T> T inTransaction(Supplier<T> work) {
            return work.get();
        }
    };

    private final MemoryAuditLog log = new MemoryAuditLog();
    private final CallerRecordingStream stream = new CallerRecordingStream();

    private static AuditEvent verified() {
        return new AuditEvent.VerificationSucceeded(Optional.of(OrganizationId.random()),
                PackageHash.fromHex("ab".repeat(32)), KeyFingerprint.fromHex("cd".repeat(32)), Optional.empty());
    }

    @Test
    void a_change_recorded_inside_callAs_names_that_caller_in_the_chain_and_the_stream() {
        try (DeferredAuditWriter deferred = new DeferredAuditWriter(log, NO_TRANSACTION)) {
            DurableAuditTrail trail = new DurableAuditTrail(log, deferred, stream, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));

            Caller.callAs(ALICE_REQUEST, () -> {
                trail.record(new AuditEvent.OrganizationCreated(OrganizationId.random(), "acme"));
                return null;
            });

            assertThat(log.appended).singleElement().extracting(AuditLog.Occurrence::origin)
                    .isEqualTo(ALICE_REQUEST.origin());
            assertThat(stream.origins).containsExactly(ALICE_REQUEST.origin());
        }
    }

    @Test
    void a_verification_s_record_names_its_caller_though_the_group_commit_writes_it_on_another_thread()
            throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try (DeferredAuditWriter deferred = new DeferredAuditWriter(log, NO_TRANSACTION)) {
            DurableAuditTrail trail = new DurableAuditTrail(log, deferred, stream, Clock.systemUTC());
            List<Future<?>> done = new ArrayList<>();
            Map<AuditEvent, Caller> recordedBy = new ConcurrentHashMap<>();
            for (int i = 0; i < 40; i++) {
                Caller caller = i % 2 == 0 ? ALICE_REQUEST : BOB_REQUEST;
                AuditEvent event = verified();
                recordedBy.put(event, caller);
                done.add(threads.submit(() -> Caller.callAs(caller, () -> {
                    trail.record(event);
                    return null;
                })));
            }
            for (Future<?> future : done) {
                future.get();
            }

            assertThat(log.appendingThreads).isNotEmpty().allSatisfy(name -> assertThat(name).isEqualTo("signet-audit-writer"));
            assertThat(log.appended).hasSize(40).allSatisfy(occurrence ->
                    assertThat(occurrence.origin()).isEqualTo(recordedBy.get(occurrence.event()).origin()));
            assertThat(log.appended.stream().filter(o -> o.origin().equals(ALICE_REQUEST.origin()))).hasSize(20);
            assertThat(log.appended.stream().filter(o -> o.origin().equals(BOB_REQUEST.origin()))).hasSize(20);
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void outside_callAs_a_record_names_the_process_default_caller() {
        Caller before = Caller.current();
        Caller.setProcessDefault(Caller.of(Actor.osUser("release-bot")));
        try (DeferredAuditWriter deferred = new DeferredAuditWriter(log, NO_TRANSACTION)) {
            DurableAuditTrail trail = new DurableAuditTrail(log, deferred, stream, Clock.systemUTC());

            trail.record(verified());

            assertThat(log.appended).singleElement().extracting(AuditLog.Occurrence::origin)
                    .isEqualTo(AuditOrigin.of(Actor.osUser("release-bot")));
            assertThat(log.appended.get(0).origin().clientAddress()).isEmpty();
        } finally {
            Caller.setProcessDefault(before);
        }
    }
}
