package dev.signet.adapters.persistence.db;

import static dev.signet.adapters.persistence.db.Samples.T0;
import static dev.signet.adapters.persistence.db.Samples.at;
import static dev.signet.adapters.persistence.db.Samples.organization;
import static dev.signet.adapters.persistence.db.Samples.packageHash;
import static dev.signet.adapters.persistence.db.Samples.signature;
import static dev.signet.adapters.persistence.db.Samples.softwareKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signet.application.port.out.PackageSignatureRepository;
import dev.signet.domain.Conflict;
import dev.signet.domain.key.KeyId;
import dev.signet.domain.key.SigningKey;
import dev.signet.domain.organization.Organization;
import dev.signet.domain.organization.OrganizationId;
import dev.signet.domain.organization.OrganizationName;
import dev.signet.domain.signature.PackageHash;
import dev.signet.domain.signature.PackageSignature;
import dev.signet.domain.time.TimestampToken;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

class PackageSignatureRepositoryTest {

    private static SigningKey keyIn(Database database, String name) {
        OrganizationId org = database.organizations().findByName(new OrganizationName("acme"))
                .map(Organization::id)
                .orElseGet(() -> {
                    Organization acme = organization("acme");
                    database.organizations().add(acme);
                    return acme.id();
                });
        SigningKey key = softwareKey(org, name);
        database.signingKeys().add(key);
        return key;
    }

    @OnEveryDatabase
    void a_signature_is_stored_once_per_key_and_package(TestDatabase db) {
        Database database = db.open();
        PackageSignatureRepository signatures = database.packageSignatures();
        SigningKey key = keyIn(database, "k");
        PackageHash hash = packageHash();
        PackageSignature first = signature(hash, key, T0);

        assertThat(signatures.addIfAbsent(first, key.id())).isTrue();
        assertThat(signatures.addIfAbsent(signature(hash, key, at(1)), key.id())).isFalse();

        assertThat(signatures.findByPackageHash(hash)).containsExactly(first);
    }

    @OnEveryDatabase
    void a_stored_signature_keeps_its_timestamp_token_byte_for_byte(TestDatabase db) {
        Database database = db.open();
        PackageSignatureRepository signatures = database.packageSignatures();
        SigningKey key = keyIn(database, "k");
        PackageHash stamped = packageHash();
        PackageHash plain = packageHash();
        // a token of a few KiB, as real ones with their certificate chain are: one DER SEQUENCE, length 4000
        byte[] der = new byte[4004];
        der[0] = 0x30;
        der[1] = (byte) 0x82;
        der[2] = (byte) (4000 >> 8);
        der[3] = (byte) (4000 & 0xff);
        for (int i = 4; i < der.length; i++) {
            der[i] = (byte) (i * 31);
        }
        PackageSignature withToken = signature(stamped, key, T0).withTimestamp(new TimestampToken(der));
        PackageSignature without = signature(plain, key, at(1));

        assertThat(signatures.addIfAbsent(withToken, key.id())).isTrue();
        assertThat(signatures.addIfAbsent(without, key.id())).isTrue();

        assertThat(signatures.findByPackageHash(stamped)).containsExactly(withToken);
        assertThat(signatures.findByPackageHash(stamped).get(0).timestampToken().orElseThrow().der()).isEqualTo(der);
        assertThat(signatures.findByPackageHash(plain)).containsExactly(without);
        assertThat(signatures.findByPackageHash(plain).get(0).timestampToken()).isEmpty();
    }

    @OnEveryDatabase
    void signatures_by_two_keys_for_one_package_are_both_stored_and_found_oldest_first(TestDatabase db) {
        Database database = db.open();
        PackageSignatureRepository signatures = database.packageSignatures();
        SigningKey one = keyIn(database, "one");
        SigningKey two = keyIn(database, "two");
        PackageHash hash = packageHash();
        PackageSignature byTwo = signature(hash, two, at(1));
        PackageSignature byOne = signature(hash, one, at(2));

        assertThat(signatures.addIfAbsent(byTwo, two.id())).isTrue();
        assertThat(signatures.addIfAbsent(byOne, one.id())).isTrue();
        assertThat(signatures.addIfAbsent(signature(packageHash(), one, at(3)), one.id())).isTrue();

        assertThat(signatures.findByPackageHash(hash)).containsExactly(byTwo, byOne);
        assertThat(signatures.findByPackageHash(packageHash())).isEmpty();
    }

    @OnEveryDatabase
    void a_signature_by_a_missing_key_is_a_conflict_naming_it(TestDatabase db) {
        Database database = db.open();
        SigningKey unstored = softwareKey(OrganizationId.random(), "k");
        KeyId missing = unstored.id();

        assertThatThrownBy(() -> database.packageSignatures().addIfAbsent(signature(packageHash(), unstored, T0), missing))
                .isInstanceOf(Conflict.class)
                .hasMessage("signing key " + missing + " does not exist");
    }

    @OnEveryDatabase
    void adding_the_same_signature_from_many_threads_at_once_stores_one_row(TestDatabase db) throws Exception {
        Database database = db.open();
        SigningKey key = keyIn(database, "k");
        PackageHash hash = packageHash();
        int threads = 6;
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Boolean>> added = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                PackageSignature mine = signature(hash, key, at(i));
                Callable<Boolean> add = () -> {
                    start.await();
                    return database.packageSignatures().addIfAbsent(mine, key.id());
                };
                added.add(pool.submit(add));
            }
            int stored = 0;
            for (Future<Boolean> result : added) {
                stored += result.get() ? 1 : 0;
            }
            assertThat(stored).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(database.packageSignatures().findByPackageHash(hash)).hasSize(1);
    }

    @OnEveryDatabase
    void a_duplicate_inside_a_larger_transaction_leaves_the_transaction_usable(TestDatabase db) {
        Database database = db.open();
        SigningKey key = keyIn(database, "k");
        PackageHash hash = packageHash();
        database.packageSignatures().addIfAbsent(signature(hash, key, T0), key.id());
        SigningKey other = softwareKey(key.organizationId(), "other");

        database.transactions().run(() -> {
            assertThat(database.packageSignatures().addIfAbsent(signature(hash, key, at(1)), key.id())).isFalse();
            database.signingKeys().add(other);
        });

        assertThat(database.signingKeys().findById(other.id())).isPresent();
    }

    /**
     * The race the NOT EXISTS cannot close: another transaction inserted the same signature but had not
     * committed when this one looked. The unique constraint stops the second insert; that is "already stored",
     * and the surrounding transaction goes on (a savepoint undoes only the failed insert).
     */
    @OnEveryDatabase
    void a_signature_stored_by_a_concurrent_transaction_counts_as_already_stored(TestDatabase db) throws Exception {
        Database database = db.open();
        SigningKey key = keyIn(database, "k");
        SigningKey later = softwareKey(key.organizationId(), "later");
        PackageHash hash = packageHash();
        CountDownLatch inserted = new CountDownLatch(1);
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            Future<Boolean> first = other.submit(() -> database.transactions().inTransaction(() -> {
                boolean added = database.packageSignatures().addIfAbsent(signature(hash, key, T0), key.id());
                inserted.countDown();
                sleep(500); // let the main thread reach its insert, which waits for this commit
                return added;
            }));
            assertThat(inserted.await(10, TimeUnit.SECONDS)).isTrue();

            boolean secondAdded = database.transactions().inTransaction(() -> {
                boolean added = database.packageSignatures().addIfAbsent(signature(hash, key, at(1)), key.id());
                database.signingKeys().add(later);
                return added;
            });

            assertThat(first.get(10, TimeUnit.SECONDS)).isTrue();
            assertThat(secondAdded).isFalse();
        } finally {
            other.shutdownNow();
        }
        assertThat(database.packageSignatures().findByPackageHash(hash)).hasSize(1);
        assertThat(database.signingKeys().findById(later.id())).isPresent();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
