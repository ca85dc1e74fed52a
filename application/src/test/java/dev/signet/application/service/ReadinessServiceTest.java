package dev.signet.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.application.port.in.OperationalStatus;
import dev.signet.application.port.out.DatabaseUnavailable;
import dev.signet.application.port.out.HsmHealth;
import dev.signet.application.port.out.OrganizationRepository;
import dev.signet.application.port.out.Transactions;
import dev.signet.domain.organization.Organization;
import dev.signet.domain.organization.OrganizationId;
import dev.signet.domain.organization.OrganizationName;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** /readyz's verdict and the status gauges, from the database's and the token's health. */
class ReadinessServiceTest {
    private static final HsmHealth.SessionUse TWO_ONE_BUSY = new HsmHealth.SessionUse(2, 1);

    @Test
    void ready_when_the_database_answers_and_no_hsm_is_configured_and_then_shows_no_hsm_sessions() {
        ReadinessService readiness = readiness(true, Optional.empty());

        assertThat(readiness.problems()).isEmpty();
        assertThat(readiness.status().hsmSessions()).isEmpty();
    }

    @Test
    void a_token_that_does_not_answer_makes_the_node_not_ready_while_the_database_is_fine() {
        ReadinessService readiness = readiness(true, Optional.of(hsm(Optional.of("PKCS#11 token 't' does not "
                + "answer: C_GetSessionInfo returned CKR_DEVICE_REMOVED"))));

        assertThat(readiness.problems()).containsExactly(
                "hsm: PKCS#11 token 't' does not answer: C_GetSessionInfo returned CKR_DEVICE_REMOVED");
        assertThat(readiness.status().hsmSessions()).contains(new OperationalStatus.HsmSessions(2, 1));
    }

    @Test
    void both_problems_are_named_when_database_and_token_are_away_and_a_throwing_probe_is_one_of_them() {
        HsmHealth throwing = new HsmHealth() {
            @Override
            public Optional<String> problem() {
                throw new IllegalStateException("library unloaded");
            }

            @Override
            public SessionUse sessionUse() {
                return TWO_ONE_BUSY;
            }
        };

        assertThat(readiness(false, Optional.of(throwing)).problems())
                .containsExactly("database: DatabaseUnavailable", "hsm: IllegalStateException");
    }

    @Test
    void a_healthy_token_and_database_are_ready() {
        assertThat(readiness(true, Optional.of(hsm(Optional.empty()))).problems()).isEmpty();
    }

    private static ReadinessService readiness(boolean databaseAnswers, Optional<HsmHealth> hsm) {
        Transactions transactions = new Transactions() {
            @Override
            public <T> T inTransaction(Supplier<T> work) {
                if (!databaseAnswers) {
                    throw new DatabaseUnavailable("connection refused", null);
                }
                return work.get();
            }
        };
        return new ReadinessService(new NoOrganizations(), transactions, new SignatureCounts(), () -> 0, hsm);
    }

    private static HsmHealth hsm(Optional<String> problem) {
        return new HsmHealth() {
            @Override
            public Optional<String> problem() {
                return problem;
            }

            @Override
            public SessionUse sessionUse() {
                return TWO_ONE_BUSY;
            }
        };
    }

    private static final class NoOrganizations implements OrganizationRepository {
        @Override
        public void add(Organization organization) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<Organization> findById(OrganizationId id) {
            return Optional.empty();
        }

        @Override
        public Optional<Organization> findByName(OrganizationName name) {
            return Optional.empty();
        }

        @Override
        public List<Organization> list() {
            return List.of();
        }
    }
}
