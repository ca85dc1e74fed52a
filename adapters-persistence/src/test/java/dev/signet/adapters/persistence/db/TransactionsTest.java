package dev.signet.adapters.persistence.db;

import static dev.signet.adapters.persistence.db.Samples.organization;
import static dev.signet.adapters.persistence.db.Samples.softwareKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signet.application.port.out.Transactions;
import dev.signet.domain.Conflict;
import dev.signet.domain.key.SigningKey;
import dev.signet.domain.organization.Organization;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

class TransactionsTest {

    @OnEveryDatabase
    void an_exception_inside_a_transaction_rolls_back_every_write_made_in_it(TestDatabase db) {
        Database database = db.open();
        Organization acme = organization("acme");
        SigningKey key = softwareKey(acme.id(), "k");

        assertThatThrownBy(() -> database.transactions().run(() -> {
            database.organizations().add(acme);
            database.signingKeys().add(key);
            throw new IllegalStateException("boom");
        })).isInstanceOf(IllegalStateException.class).hasMessage("boom");

        assertThat(database.organizations().findById(acme.id())).isEmpty();
        assertThat(database.signingKeys().findById(key.id())).isEmpty();
    }

    @OnEveryDatabase
    void writes_inside_a_transaction_commit_together_and_return_its_result(TestDatabase db) {
        Database database = db.open();
        Organization acme = organization("acme");
        SigningKey key = softwareKey(acme.id(), "k");

        String result = database.transactions().inTransaction(() -> {
            database.organizations().add(acme);
            database.signingKeys().add(key);
            return "done";
        });

        assertThat(result).isEqualTo("done");
        assertThat(database.signingKeys().findById(key.id())).contains(key);
    }

    @OnEveryDatabase
    void a_nested_transaction_joins_the_outer_one_and_rolls_back_with_it(TestDatabase db) {
        Database database = db.open();
        Transactions transactions = database.transactions();
        Organization outer = organization("outer");
        Organization inner = organization("inner");

        assertThatThrownBy(() -> transactions.run(() -> {
            database.organizations().add(outer);
            transactions.run(() -> database.organizations().add(inner));
            // the inner write is visible inside the outer transaction: same session
            assertThat(database.organizations().findById(inner.id())).isPresent();
            throw new IllegalStateException("outer fails after inner finished");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(database.organizations().list()).isEmpty();
    }

    @OnEveryDatabase
    void a_conflict_inside_a_transaction_rolls_it_back_and_reaches_the_caller(TestDatabase db) {
        Database database = db.open();
        database.organizations().add(organization("acme"));
        Organization other = organization("other");

        assertThatThrownBy(() -> database.transactions().run(() -> {
            database.organizations().add(other);
            database.organizations().add(organization("acme"));
        })).isInstanceOf(Conflict.class);

        assertThat(database.organizations().findById(other.id())).isEmpty();
    }

    @OnEveryDatabase
    void a_conflict_handled_inside_a_transaction_leaves_it_usable(TestDatabase db) {
        Database database = db.open();
        database.organizations().add(organization("acme"));
        Organization other = organization("other");

        database.transactions().run(() -> {
            assertThatThrownBy(() -> database.organizations().add(organization("acme"))).isInstanceOf(Conflict.class);
            database.organizations().add(other);
        });

        assertThat(database.organizations().findById(other.id())).isPresent();
    }

    @OnEveryDatabase
    void writes_of_an_open_transaction_are_invisible_to_other_threads_until_commit(TestDatabase db) {
        Database database = db.open();
        Organization acme = organization("acme");

        Optional<Organization> seenByAnotherThread = database.transactions().inTransaction(() -> {
            database.organizations().add(acme);
            return CompletableFuture.supplyAsync(() -> database.organizations().findById(acme.id()))
                    .orTimeout(10, TimeUnit.SECONDS)
                    .join();
        });

        assertThat(seenByAnotherThread).isEmpty();
        assertThat(database.organizations().findById(acme.id())).isPresent();
    }
}
