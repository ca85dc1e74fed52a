package dev.signet.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.adapters.crypto.soft.AesGcmPrivateKeyWrapper;
import dev.signet.adapters.persistence.db.Database;
import dev.signet.adapters.persistence.db.OnEveryDatabase;
import dev.signet.adapters.persistence.db.TestDatabase;
import dev.signet.bootstrap.support.Cli;
import dev.signet.bootstrap.support.DatabaseArgs;
import dev.signet.bootstrap.support.Keks;
import dev.signet.domain.Hex;
import dev.signet.domain.key.Ed25519PrivateKey;
import dev.signet.domain.key.KeyEncryptionKey;
import dev.signet.domain.key.KeyId;
import dev.signet.domain.key.KeyName;
import dev.signet.domain.key.SigningKey;
import dev.signet.domain.key.WrongStoreKeyEncryptionKey;
import dev.signet.domain.organization.OrganizationId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;

/**
 * One KEK per store: the store knows which KEK its software keys are wrapped under (its id, never the key), refuses
 * a command given another, and a store already under several KEKs is repaired by one rotation given all of them.
 */
class KekPerStoreTest {
    private static final OfflineComponents OFFLINE = new OfflineComponents();

    @TempDir
    Path dir;

    private Path kekA;
    private Path kekB;
    private Path kekN;
    private String idA;
    private String idB;
    private String idN;

    @OnEveryDatabase
    void key_create_given_another_kek_than_the_stores_is_refused_naming_both_ids(TestDatabase db) throws Exception {
        keks();
        ok(run(db, kekA, "org", "create", "acme"));
        ok(run(db, kekA, "key", "create", "--org", "acme", "--name", "first")); // the first key sets the store's KEK

        Cli.Result refused = run(db, kekB, "key", "create", "--org", "acme", "--name", "second");
        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(1);
        assertThat(refused.errLines()).singleElement().asString().startsWith("WrongStoreKeyEncryptionKey: ")
                .contains(idA, idB);
        assertThat(ok(run(db, kekA, "key", "list", "--org", "acme")).lines()).hasSize(1);
        assertThat(kekIdsOfKeys(db).values()).containsOnly(idA);

        ok(run(db, kekA, "kek", "rotate", "--new-kek-file", kekN));
        Cli.Result oldKek = run(db, kekA, "key", "create", "--org", "acme", "--name", "second");
        assertThat(oldKek.errLines()).singleElement().asString().startsWith("WrongStoreKeyEncryptionKey: ")
                .contains(idN, idA);
        ok(run(db, kekN, "key", "create", "--org", "acme", "--name", "second"));
        assertThat(kekIdsOfKeys(db).values()).containsOnly(idN);
    }

    @OnEveryDatabase
    void a_store_from_before_the_rule_takes_the_kek_its_keys_agree_on(TestDatabase db) throws Exception {
        keks();
        ok(run(db, kekA, "org", "create", "acme"));
        ok(run(db, kekA, "key", "create", "--org", "acme", "--name", "first"));
        execute(db, "UPDATE store_kek SET kek_id = NULL"); // as the migration leaves a store that had keys

        Cli.Result refused = run(db, kekB, "key", "create", "--org", "acme", "--name", "second");
        assertThat(refused.errLines()).singleElement().asString().startsWith("WrongStoreKeyEncryptionKey: ")
                .contains(idA, idB);
        ok(run(db, kekA, "key", "create", "--org", "acme", "--name", "second"));
        assertThat(storeKek(db)).isEqualTo(idA);
    }

    @OnEveryDatabase
    void a_mixed_store_is_refused_until_kek_rotate_given_every_old_kek_repairs_it(TestDatabase db) throws Exception {
        keks();
        mixedStore(db, true);

        Cli.Result refused = run(db, kekA, "key", "create", "--org", "acme", "--name", "more");
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.errLines()).singleElement().asString().startsWith("MixedKeyEncryptionKeys: ")
                .contains(idA, idB, "kek rotate", "--old-kek-file");

        assertThat(ok(run(db, kekA, "kek", "rotate", "--old-kek-file", kekB, "--new-kek-file", kekN)))
                .startsWith("re-wrapped 3 software keys");
        assertThat(kekIdsOfKeys(db).values()).containsOnly(idN);
        assertThat(storeKek(db)).isEqualTo(idN);
        Path pkg = Files.writeString(dir.resolve("p.so"), "p");
        for (String keyId : kekIdsOfKeys(db).keySet()) {
            ok(run(db, kekN, "sign", pkg, "--key", keyId, "--no-store"));
        }
        ok(run(db, kekN, "key", "create", "--org", "acme", "--name", "more"));
    }

    @OnEveryDatabase
    void a_store_mixed_before_the_rule_is_repaired_the_same_way(TestDatabase db) throws Exception {
        keks();
        mixedStore(db, false);
        Cli.Result refused = run(db, kekB, "key", "create", "--org", "acme", "--name", "more");
        assertThat(refused.errLines()).singleElement().asString().startsWith("MixedKeyEncryptionKeys: ")
                .contains(idA, idB);
        assertThat(ok(run(db, kekB, "kek", "rotate", "--old-kek-file", kekA, "--new-kek-file", kekN)))
                .startsWith("re-wrapped 3 software keys");
        assertThat(kekIdsOfKeys(db).values()).containsOnly(idN);
    }

    @OnEveryDatabase
    void a_repair_missing_one_old_kek_or_given_a_wrong_one_moves_nothing(TestDatabase db) throws Exception {
        keks();
        mixedStore(db, true);
        Map<String, String> before = kekIdsOfKeys(db);
        Path kekC = Keks.ownerOnly(Files.writeString(dir.resolve("c.kek"), Hex.encode(Keks.randomBytes())));

        Cli.Result missing = run(db, kekA, "kek", "rotate", "--new-kek-file", kekN);
        assertThat(missing.exitCode()).as(missing.toString()).isEqualTo(1);
        assertThat(missing.errLines()).singleElement().asString().startsWith("WrongKeyEncryptionKey: ")
                .contains(idB, idA);
        Cli.Result wrong = run(db, kekA, "kek", "rotate", "--old-kek-file", kekC, "--new-kek-file", kekN);
        assertThat(wrong.exitCode()).as(wrong.toString()).isEqualTo(1);
        assertThat(wrong.errLines()).singleElement().asString().startsWith("WrongKeyEncryptionKey: ").contains(idB);

        assertThat(kekIdsOfKeys(db)).isEqualTo(before);
        assertThat(storeKek(db)).isEqualTo(idA);
        assertThat(count(db, "SELECT COUNT(*) FROM audit_events WHERE event_type = 'kek.rotated'")).isZero();
        Path pkg = Files.writeString(dir.resolve("p.so"), "p");
        for (Map.Entry<String, String> key : before.entrySet()) {
            ok(run(db, key.getValue().equals(idA) ? kekA : kekB, "sign", pkg, "--key", key.getKey(), "--no-store"));
        }
    }

    @OnEveryDatabase
    void two_first_keys_made_at_once_under_different_keks_leave_the_store_under_one(TestDatabase db) throws Exception {
        try (Signet signet = Signet.builder().jdbcUrl(db.url(), db.user(), db.password()).build();
                KeyEncryptionKey a = Keks.random(); KeyEncryptionKey b = Keks.random()) {
            OrganizationId org = signet.keyManager().createOrganization("acme").id();
            CyclicBarrier start = new CyclicBarrier(2);
            ExecutorService threads = Executors.newFixedThreadPool(2);
            try {
                List<Future<Object>> outcomes = new ArrayList<>();
                for (KeyEncryptionKey kek : List.of(a, b)) {
                    outcomes.add(threads.submit(() -> {
                        start.await();
                        try {
                            return signet.keyManager().createSigningKey(org, "first-" + kek.id(), kek);
                        } catch (WrongStoreKeyEncryptionKey refused) {
                            return refused;
                        }
                    }));
                }
                List<Object> results = new ArrayList<>();
                for (Future<Object> outcome : outcomes) {
                    results.add(outcome.get(60, TimeUnit.SECONDS));
                }
                assertThat(results).filteredOn(SigningKey.class::isInstance).hasSize(1);
                assertThat(results).filteredOn(WrongStoreKeyEncryptionKey.class::isInstance).hasSize(1);
            } finally {
                threads.shutdownNow();
            }
        }
        assertThat(kekIdsOfKeys(db)).hasSize(1);
        assertThat(storeKek(db)).isEqualTo(kekIdsOfKeys(db).values().iterator().next());
    }

    /**
     * Keys first (A), second (B), third (A), in that order, which is the order rotation takes them: a rotation that
     * fails at the second has already re-wrapped the first. The second and third are added as Signet did before the
     * rule, straight through the repository. With {@code recorded} the store records A, as it does since the rule;
     * without, it records nothing, as a store migrated from before it.
     */
    private void mixedStore(TestDatabase db, boolean recorded) throws Exception {
        ok(run(db, kekA, "org", "create", "acme"));
        ok(run(db, kekA, "key", "create", "--org", "acme", "--name", "first"));
        addAroundTheRule(db, kekB, "second");
        addAroundTheRule(db, kekA, "third");
        if (!recorded) {
            execute(db, "UPDATE store_kek SET kek_id = NULL");
        }
        assertThat(kekIdsOfKeys(db).values()).containsExactly(idA, idB, idA);
    }

    private static void addAroundTheRule(TestDatabase db, Path kekFile, String name) throws Exception {
        Thread.sleep(2); // created_at orders the keys
        Database database = db.open();
        try (KeyEncryptionKey kek = KeyEncryptionKeys.fromFile(kekFile);
                Ed25519PrivateKey privateKey = OFFLINE.signer().generate()) {
            OrganizationId org = database.transactions().inTransaction(() -> database.organizations().list()).get(0)
                    .id();
            KeyId id = KeyId.random();
            SigningKey key = new SigningKey(id, org, new KeyName(name), OFFLINE.signer().publicKeyOf(privateKey),
                    new AesGcmPrivateKeyWrapper().wrap(privateKey, kek, id, org), Instant.now(), Optional.empty());
            database.transactions().run(() -> database.signingKeys().add(key));
        } finally {
            database.close();
        }
    }

    private void keks() throws Exception {
        byte[] a = Keks.randomBytes();
        byte[] b = Keks.randomBytes();
        byte[] n = Keks.randomBytes();
        kekA = Keks.ownerOnly(Files.writeString(dir.resolve("a.kek"), Hex.encode(a)));
        kekB = Keks.ownerOnly(Files.writeString(dir.resolve("b.kek"), Hex.encode(b)));
        kekN = Keks.ownerOnly(Files.writeString(dir.resolve("n.kek"), Hex.encode(n)));
        idA = KeyEncryptionKey.of(a).id().value();
        idB = KeyEncryptionKey.of(b).id().value();
        idN = KeyEncryptionKey.of(n).id().value();
    }

    private Cli.Result run(TestDatabase db, Path kek, Object... args) {
        return new Cli(dir.resolve("home"), Map.of("SIGNET_KEY_ENCRYPTION_KEY_FILE", kek.toString()))
                .run(DatabaseArgs.on(db, args));
    }

    private static String ok(Cli.Result result) {
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.err()).as(result.toString()).isEmpty();
        return result.out();
    }

    /** Key id to the id of the KEK its row says it is wrapped under, oldest key first. */
    private static Map<String, String> kekIdsOfKeys(TestDatabase db) throws Exception {
        Map<String, String> keks = new LinkedHashMap<>();
        try (Connection connection = db.connect(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "SELECT id, kek_id FROM signing_keys WHERE custody = 'software' ORDER BY created_at, id")) {
            while (rows.next()) {
                keks.put(rows.getString(1), rows.getString(2));
            }
        }
        return keks;
    }

    private static String storeKek(TestDatabase db) throws Exception {
        try (Connection connection = db.connect(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT kek_id FROM store_kek WHERE id = 1")) {
            assertThat(rows.next()).isTrue();
            return rows.getString(1);
        }
    }

    private static long count(TestDatabase db, String sql) throws Exception {
        try (Connection connection = db.connect(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static void execute(TestDatabase db, String sql) throws Exception {
        try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
            statement.executeUpdate(sql);
        }
    }
}
