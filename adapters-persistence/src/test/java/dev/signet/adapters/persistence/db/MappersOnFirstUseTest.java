package dev.signet.adapters.persistence.db;

import static dev.signet.adapters.persistence.db.AuditSamples.granted;
import static dev.signet.adapters.persistence.db.AuditSamples.occurrence;
import static dev.signet.adapters.persistence.db.Samples.at;
import static dev.signet.adapters.persistence.db.Samples.organization;
import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.adapters.persistence.db.mapper.OrganizationMapper;
import dev.signet.adapters.persistence.db.mapper.SignetSqlSessions;
import dev.signet.domain.organization.Organization;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.ibatis.session.SqlSession;
import org.apache.ibatis.session.SqlSessionFactory;
import org.junit.jupiter.api.Test;

/** DatabaseOptions.withMappersOnFirstUse (the CLI's): each SQL mapper is read when first used, safely across threads. */
class MappersOnFirstUseTest {

    @Test
    void a_mapper_is_read_when_a_session_first_asks_for_it_and_not_before() throws Exception {
        try (TestDatabase db = TestDatabase.h2()) {
            db.open(); // migrates the schema
            SqlSessionFactory onFirstUse = SignetSqlSessions.factory(db.dataSource(), true);
            assertThat(onFirstUse.getConfiguration().getMapperRegistry().getMappers()).isEmpty();

            try (SqlSession session = onFirstUse.openSession()) {
                assertThat(session.getMapper(OrganizationMapper.class).list()).isEmpty();
            }

            assertThat(onFirstUse.getConfiguration().getMapperRegistry().getMappers())
                    .containsExactly(OrganizationMapper.class);
            assertThat(SignetSqlSessions.factory(db.dataSource()).getConfiguration().getMapperRegistry().getMappers())
                    .hasSize(11);
        }
    }

    /** Six threads make the first use of six mappers at the same moment, on a fresh configuration each round. */
    @OnEveryDatabase
    void every_repository_works_when_its_mapper_is_first_used_by_several_threads_at_once(TestDatabase db)
            throws Exception {
        Organization acme = organization("acme");
        db.open().organizations().add(acme);
        ExecutorService threads = Executors.newFixedThreadPool(6);
        try {
            for (int round = 0; round < 5; round++) {
                Database database = db.open(TestDatabase.fastOptions().withMappersOnFirstUse());
                CyclicBarrier start = new CyclicBarrier(6);
                int seconds = round;
                List<Future<Object>> results = new ArrayList<>();
                results.add(threads.submit(() -> { start.await(); return database.organizations().list(); }));
                results.add(threads.submit(() -> { start.await(); return database.signingKeys().listByOrganization(acme.id()); }));
                results.add(threads.submit(() -> { start.await(); return database.trustedKeys().listByOrganization(acme.id()); }));
                results.add(threads.submit(() -> { start.await(); return database.trustAcls().listByOrganization(acme.id()); }));
                results.add(threads.submit(() -> { start.await(); return database.apiTokens().list(Optional.empty()); }));
                results.add(threads.submit(() -> {
                    start.await();
                    return database.auditLog().append(occurrence(granted(), at(seconds)));
                }));

                assertThat(results.get(0).get(30, TimeUnit.SECONDS)).isEqualTo(List.of(acme));
                for (Future<Object> empty : results.subList(1, 5)) {
                    assertThat(empty.get(30, TimeUnit.SECONDS)).asList().isEmpty();
                }
                assertThat(results.get(5).get(30, TimeUnit.SECONDS)).isNotNull();
            }
            assertThat(db.open().auditLog().list(Optional.empty(), Optional.empty())).hasSize(5);
        } finally {
            threads.shutdownNow();
        }
    }
}
