package dev.signet.adapters.persistence.db;

import static dev.signet.adapters.persistence.db.Samples.organization;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signet.adapters.persistence.db.mapper.SignetSqlSessions;
import dev.signet.adapters.persistence.db.repository.MyBatisOrganizationRepository;
import dev.signet.adapters.persistence.db.tx.DatabaseRetry;
import dev.signet.adapters.persistence.db.tx.MyBatisTransactions;
import dev.signet.adapters.persistence.db.tx.RetryPolicy;
import dev.signet.adapters.persistence.db.tx.TransientFailures;
import dev.signet.application.port.out.DatabaseUnavailable;
import dev.signet.domain.Conflict;
import dev.signet.domain.organization.Organization;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

class RetryTest {
    private static final RetryPolicy FAST = RetryPolicy.defaults().withInitialBackoff(Duration.ofMillis(1));

    private static MyBatisTransactions transactionsOver(DataSource dataSource, RetryPolicy policy, String secret) {
        return new MyBatisTransactions(SignetSqlSessions.factory(dataSource), new DatabaseRetry(policy, secret));
    }

    @OnEveryDatabase
    void a_transaction_whose_first_two_connections_fail_succeeds_on_the_third_attempt(TestDatabase db) {
        db.open(); // migrates
        FlakyDataSource flaky = new FlakyDataSource(db.dataSource(), 2, "pool timed out");
        MyBatisTransactions transactions = transactionsOver(flaky, FAST, null);
        MyBatisOrganizationRepository organizations = new MyBatisOrganizationRepository(transactions);
        Organization acme = organization("acme");
        AtomicInteger attempts = new AtomicInteger();

        transactions.run(() -> {
            attempts.incrementAndGet();
            organizations.add(acme);
        });

        assertThat(attempts).hasValue(3);
        assertThat(flaky.calls()).isEqualTo(3);
        assertThat(db.open().organizations().findById(acme.id())).contains(acme);
    }

    @Test
    void a_database_that_never_answers_is_unavailable_after_exactly_the_configured_attempts() {
        FlakyDataSource down = FlakyDataSource.alwaysFailing("Connection is not available, request timed out");
        MyBatisTransactions transactions = transactionsOver(down, FAST.withMaxAttempts(4), null);
        AtomicInteger attempts = new AtomicInteger();

        assertThatThrownBy(() -> transactions.run(() -> {
            attempts.incrementAndGet();
            new MyBatisOrganizationRepository(transactions).list();
        }))
                .isInstanceOf(DatabaseUnavailable.class)
                .hasMessage("database unreachable after 4 attempts: Connection is not available, request timed out");
        assertThat(attempts).hasValue(4);
        assertThat(down.calls()).isEqualTo(4);
    }

    @Test
    void a_repository_call_outside_a_transaction_is_retried_too() {
        FlakyDataSource down = FlakyDataSource.alwaysFailing("refused");
        MyBatisOrganizationRepository organizations =
                new MyBatisOrganizationRepository(transactionsOver(down, FAST, null));

        assertThatThrownBy(organizations::list)
                .isInstanceOf(DatabaseUnavailable.class)
                .hasMessage("database unreachable after 3 attempts: refused");
        assertThat(down.calls()).isEqualTo(3);
    }

    @Test
    void the_unavailable_message_is_one_line_and_never_shows_a_password() {
        FlakyDataSource down = FlakyDataSource.alwaysFailing(
                "cannot connect to jdbc:postgresql://db/signet?user=signet&password=hunter2\n  at db:5432 (s3cret)");
        MyBatisTransactions transactions = transactionsOver(down, FAST, "s3cret");

        assertThatThrownBy(() -> transactions.run(() -> new MyBatisOrganizationRepository(transactions).list()))
                .isInstanceOf(DatabaseUnavailable.class)
                .hasMessage("database unreachable after 3 attempts: cannot connect to "
                        + "jdbc:postgresql://db/signet?user=signet&password=*** at db:5432 (***)");
    }

    @OnEveryDatabase
    void a_constraint_violation_is_attempted_exactly_once(TestDatabase db) {
        Database database = db.open();
        database.organizations().add(organization("acme"));
        AtomicInteger attempts = new AtomicInteger();

        assertThatThrownBy(() -> database.transactions().run(() -> {
            attempts.incrementAndGet();
            database.organizations().add(organization("acme"));
        })).isInstanceOf(Conflict.class);

        assertThat(attempts).hasValue(1);
    }

    @OnEveryDatabase
    void any_other_failure_is_attempted_exactly_once_and_reaches_the_caller_unchanged(TestDatabase db) {
        Database database = db.open();
        AtomicInteger attempts = new AtomicInteger();
        IllegalStateException bug = new IllegalStateException("a bug");

        assertThatThrownBy(() -> database.transactions().run(() -> {
            attempts.incrementAndGet();
            throw bug;
        })).isSameAs(bug);

        assertThat(attempts).hasValue(1);
    }

    @Test
    void a_connection_failure_inside_a_nested_transaction_retries_only_the_outermost() {
        FlakyDataSource down = FlakyDataSource.alwaysFailing("refused");
        MyBatisTransactions transactions = transactionsOver(down, FAST, null);
        AtomicInteger outer = new AtomicInteger();
        AtomicInteger inner = new AtomicInteger();

        assertThatThrownBy(() -> transactions.run(() -> {
            outer.incrementAndGet();
            transactions.run(() -> {
                inner.incrementAndGet();
                new MyBatisOrganizationRepository(transactions).list();
            });
        })).isInstanceOf(DatabaseUnavailable.class);

        assertThat(outer).hasValue(3);
        assertThat(inner).hasValue(3);
    }

    @Test
    void opening_an_unreachable_postgresql_is_unavailable_after_the_configured_attempts() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        DatabaseOptions options = DatabaseOptions.defaults()
                .withRetry(FAST.withMaxAttempts(2))
                .withConnectionTimeout(Duration.ofMillis(300));

        assertThatThrownBy(() -> Database.open("jdbc:postgresql://127.0.0.1:" + closedPort + "/signet",
                "signet", "hunter2", options))
                .isInstanceOf(DatabaseUnavailable.class)
                .hasMessageStartingWith("database unreachable after 2 attempts: ")
                .hasMessageContaining(String.valueOf(closedPort))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("hunter2").doesNotContain("\n"));
    }

    @Test
    void an_integrity_violation_is_never_transient_even_beside_a_connection_failure() {
        SQLException constraint = new SQLException("duplicate", "23505",
                new SQLException("connection reset", "08006"));
        assertThat(TransientFailures.isTransient(constraint)).isFalse();
        assertThat(TransientFailures.isTransient(
                new RuntimeException(new SQLException("connection reset", "08006")))).isTrue();
        assertThat(TransientFailures.isTransient(
                new SQLRecoverableException("gone"))).isTrue();
        assertThat(TransientFailures.isTransient(
                new SQLException("syntax", "42601"))).isFalse();
    }

    @Test
    void postgresql_ending_or_refusing_sessions_as_it_restarts_is_transient() {
        // FATAL: terminating connection due to administrator command (pg_ctl restart -m fast)
        assertThat(TransientFailures.isTransient(new RuntimeException(new SQLException("terminating", "57P01"))))
                .isTrue();
        assertThat(TransientFailures.isTransient(new SQLException("crash of another server process", "57P02")))
                .isTrue();
        assertThat(TransientFailures.isTransient(new SQLException("the database system is starting up", "57P03")))
                .isTrue();
        assertThat(TransientFailures.isTransient(new SQLException("canceling statement due to user request",
                "57014"))).as("a cancelled statement is not a lost connection").isFalse();
    }

    @Test
    void a_connection_lost_while_committing_is_unavailable_at_once_as_the_commit_may_have_happened() throws Exception {
        try (TestDatabase db = TestDatabase.h2()) {
            db.open(); // migrates
            MyBatisTransactions transactions = transactionsOver(commitsFail(db.dataSource()), FAST, null);
            MyBatisOrganizationRepository organizations = new MyBatisOrganizationRepository(transactions);
            AtomicInteger attempts = new AtomicInteger();

            assertThatThrownBy(() -> transactions.run(() -> {
                attempts.incrementAndGet();
                organizations.add(organization("acme"));
            }))
                    .isInstanceOf(DatabaseUnavailable.class)
                    .hasMessage("the connection to the database failed while committing, so the change may or may "
                            + "not have been saved: An I/O error occurred while sending to the backend.");
            assertThat(attempts).as("not run again: that could do it twice").hasValue(1);
        }
    }

    /** The database's own connections, except that commit fails as when the server dies while committing. */
    private static DataSource commitsFail(DataSource target) {
        return (DataSource) Proxy.newProxyInstance(RetryTest.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    Object result = invoke(method, target, args);
                    return result instanceof Connection connection ? failingCommits(connection) : result;
                });
    }

    private static Connection failingCommits(Connection target) {
        return (Connection) Proxy.newProxyInstance(RetryTest.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("commit")) {
                        throw new SQLException("An I/O error occurred while sending to the backend.", "08006");
                    }
                    return invoke(method, target, args);
                });
    }

    private static Object invoke(Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
