package dev.signet.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signet.adapters.crypto.soft.AesGcmPrivateKeyWrapper;
import dev.signet.adapters.persistence.db.Database;
import dev.signet.adapters.persistence.db.OnEveryDatabase;
import dev.signet.adapters.persistence.db.TestDatabase;
import dev.signet.application.port.out.SigningKeyRepository;
import dev.signet.application.service.KekRotationService;
import dev.signet.bootstrap.support.Keks;
import dev.signet.domain.Hex;
import dev.signet.domain.key.KeyCustody;
import dev.signet.domain.key.KeyEncryptionKey;
import dev.signet.domain.key.KeyId;
import dev.signet.domain.key.KeyUnwrapFailed;
import dev.signet.domain.key.SigningKey;
import dev.signet.domain.key.WrongKeyEncryptionKey;
import dev.signet.domain.organization.OrganizationId;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.io.TempDir;

/** The key-encryption key protects private keys at rest: wrong KEKs, moved or altered rows, rotation. */
class KekSafetyTest {
    @TempDir
    Path dir;

    @OnEveryDatabase
    void the_wrong_kek_fails_with_a_message_that_names_no_key_material(TestDatabase db) throws Exception {
        KeyEncryptionKey.InMemory kek = Keks.random();
        KeyEncryptionKey.InMemory wrong = Keks.random();
        try (Signet signet = open(db)) {
            SigningKey key = signet.keyManager().createSigningKey(org(signet), "k", kek);
            assertThatThrownBy(() -> signet.packageSigner().signPackageWithDbKey(pkg(), key.id(), wrong, false))
                    .isInstanceOf(WrongKeyEncryptionKey.class)
                    .hasMessageContaining(kek.id().value())
                    .hasMessageNotContaining(Hex.encode(kek.bytes()))
                    .hasMessageNotContaining(Hex.encode(wrong.bytes()));
        }
    }

    @OnEveryDatabase
    void a_wrapped_key_copied_into_another_row_fails_to_unwrap(TestDatabase db) throws Exception {
        KeyEncryptionKey kek = Keks.random();
        try (Signet signet = open(db)) {
            OrganizationId org = org(signet);
            SigningKey first = signet.keyManager().createSigningKey(org, "first", kek);
            SigningKey second = signet.keyManager().createSigningKey(org, "second", kek);
            try (Connection connection = db.connect()) {
                writeWrappedKey(connection, second.id(), readWrappedKey(connection, first.id()));
            }
            assertThatThrownBy(() -> signet.packageSigner().signPackageWithDbKey(pkg(), second.id(), kek, false))
                    .isInstanceOf(KeyUnwrapFailed.class);
            assertThat(signet.packageSigner().signPackageWithDbKey(pkg(), first.id(), kek, false)).isNotNull();
        }
    }

    @OnEveryDatabase
    void a_flipped_ciphertext_byte_fails_to_unwrap(TestDatabase db) throws Exception {
        KeyEncryptionKey kek = Keks.random();
        try (Signet signet = open(db)) {
            SigningKey key = signet.keyManager().createSigningKey(org(signet), "k", kek);
            try (Connection connection = db.connect()) {
                byte[] wrapped = readWrappedKey(connection, key.id());
                wrapped[20] ^= 0x01;
                writeWrappedKey(connection, key.id(), wrapped);
            }
            assertThatThrownBy(() -> signet.packageSigner().signPackageWithDbKey(pkg(), key.id(), kek, false))
                    .isInstanceOf(KeyUnwrapFailed.class);
        }
    }

    @OnEveryDatabase
    void rotation_rewraps_every_key_and_can_be_run_again(TestDatabase db) throws Exception {
        KeyEncryptionKey old = Keks.random();
        KeyEncryptionKey next = Keks.random();
        try (Signet signet = open(db)) {
            OrganizationId org = org(signet);
            List<SigningKey> keys = List.of(signet.keyManager().createSigningKey(org, "a", old),
                    signet.keyManager().createSigningKey(org, "b", old), signet.keyManager().createSigningKey(org, "c", old));
            signet.keyManager().revokeSigningKey(keys.get(2).id());

            assertThat(signet.keyManager().rotateKeyEncryptionKey(old, next)).isEqualTo(3);
            assertThat(signet.keyManager().rotateKeyEncryptionKey(old, next)).isZero();

            for (SigningKey key : signet.keyManager().listSigningKeys(org)) {
                assertThat(((KeyCustody.Software) key.custody()).kekId()).isEqualTo(next.id());
            }
            assertThat(signet.packageSigner().signPackageWithDbKey(pkg(), keys.get(0).id(), next, false)).isNotNull();
            assertThatThrownBy(() -> signet.packageSigner().signPackageWithDbKey(pkg(), keys.get(0).id(), old, false))
                    .isInstanceOf(WrongKeyEncryptionKey.class);
        }
    }

    @OnEveryDatabase
    void a_rotation_aborted_midway_leaves_every_key_under_the_old_kek(TestDatabase db) throws Exception {
        KeyEncryptionKey old = Keks.random();
        KeyEncryptionKey next = Keks.random();
        List<SigningKey> keys = new ArrayList<>();
        try (Signet signet = open(db)) {
            OrganizationId org = org(signet);
            for (String name : List.of("a", "b", "c", "d")) {
                keys.add(signet.keyManager().createSigningKey(org, name, old));
            }
        }
        Database database = db.open();
        KekRotationService dying = new KekRotationService(failingOnSecondRewrap(database.signingKeys()),
                database.storeKek(), new AesGcmPrivateKeyWrapper(), database.transactions(), event -> { });

        assertThatThrownBy(() -> dying.rotate(old, next)).hasMessageContaining("killed midway");

        try (Signet signet = open(db)) {
            for (SigningKey key : keys) {
                assertThat(signet.packageSigner().signPackageWithDbKey(pkg(), key.id(), old, false)).isNotNull();
            }
            assertThat(signet.keyManager().rotateKeyEncryptionKey(old, next)).isEqualTo(4);
        }
    }

    /** A repository that dies after re-wrapping one key, as a killed process would. */
    private static SigningKeyRepository failingOnSecondRewrap(SigningKeyRepository real) {
        AtomicInteger rewraps = new AtomicInteger();
        return (SigningKeyRepository) Proxy.newProxyInstance(SigningKeyRepository.class.getClassLoader(),
                new Class<?>[] {SigningKeyRepository.class}, (proxy, method, args) -> {
                    if (method.getName().equals("replaceCustody") && rewraps.incrementAndGet() == 2) {
                        throw new IllegalStateException("killed midway through the rotation");
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private Signet open(TestDatabase db) {
        return Signet.builder().jdbcUrl(db.url(), db.user(), db.password()).build();
    }

    private static OrganizationId org(Signet signet) {
        return signet.keyManager().createOrganization("acme").id();
    }

    private Path pkg() throws java.io.IOException {
        return Files.writeString(dir.resolve("p.so"), "package");
    }

    private static byte[] readWrappedKey(Connection connection, KeyId id) throws Exception {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT wrapped_private_key FROM signing_keys WHERE id = ?")) {
            select.setObject(1, id.value());
            try (ResultSet row = select.executeQuery()) {
                assertThat(row.next()).isTrue();
                return row.getBytes(1);
            }
        }
    }

    private static void writeWrappedKey(Connection connection, KeyId id, byte[] wrapped) throws Exception {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE signing_keys SET wrapped_private_key = ? WHERE id = ?")) {
            update.setBytes(1, wrapped);
            update.setObject(2, id.value());
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
    }
}
