package dev.signet.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signet.adapters.crypto.pkcs11.Pkcs11Config;
import dev.signet.adapters.crypto.pkcs11.Pkcs11KeyCustodian;
import dev.signet.adapters.crypto.pkcs11.TokenKeyEncryptionKeys;
import dev.signet.adapters.crypto.pkcs11.TokenPrivateKeyWrapper;
import dev.signet.adapters.crypto.soft.AesGcmPrivateKeyWrapper;
import dev.signet.adapters.persistence.db.Database;
import dev.signet.adapters.persistence.db.OnEveryDatabase;
import dev.signet.adapters.persistence.db.TestDatabase;
import dev.signet.application.port.out.SigningKeyRepository;
import dev.signet.application.service.KekRotationService;
import dev.signet.bootstrap.support.Cli;
import dev.signet.bootstrap.support.DatabaseArgs;
import dev.signet.bootstrap.support.Keks;
import dev.signet.bootstrap.support.SoftHsm;
import dev.signet.domain.Hex;
import dev.signet.domain.key.KeyCustody;
import dev.signet.domain.key.KeyEncryptionKey;
import dev.signet.domain.key.KeyUnwrapFailed;
import dev.signet.domain.key.SigningKey;
import dev.signet.domain.key.WrongKeyEncryptionKey;
import dev.signet.domain.organization.OrganizationId;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.io.TempDir;

/** The KEK kept in the token: software keys wrapped and unwrapped inside the HSM, and rotation to and from it. */
class TokenKekTest {
    @TempDir
    Path dir;

    @OnEveryDatabase
    void software_keys_wrap_and_unwrap_through_the_token(TestDatabase db) throws Exception {
        SoftHsm hsm = SoftHsm.require();
        try (Signet signet = open(db, hsm)) {
            KeyEncryptionKey tokenKek = signet.createKeyEncryptionKeyInToken(uniqueLabel());
            OrganizationId org = signet.keyManager().createOrganization("acme").id();
            SigningKey key = signet.keyManager().createSigningKey(org, "wrapped-in-hsm", tokenKek);
            assertThat(((KeyCustody.Software) key.custody()).kekId()).isEqualTo(tokenKek.id());
            Path pkg = Files.writeString(dir.resolve("p.so"), "p");
            var signature = signet.packageSigner().signPackageWithDbKey(pkg, key.id(), tokenKek, false).signature();
            signet.packageSigner().writeDetachedSignature(signature, dir.resolve("p.so.sig"));
            assertThat(Verification.verifyPackageOffline(pkg, dir.resolve("p.so.sig"), signet.keyManager()
                    .exportPublicKey(key.id()).publicKeyPem().getBytes(StandardCharsets.US_ASCII))).isNotNull();

            try (var connection = db.connect(); var update = connection.prepareStatement(
                    "UPDATE signing_keys SET wrapped_private_key = ? WHERE id = ?")) {
                byte[] altered = ((KeyCustody.Software) key.custody()).wrappedKey().bytes();
                altered[30] ^= 1;
                update.setBytes(1, altered);
                update.setObject(2, key.id().value());
                assertThat(update.executeUpdate()).isEqualTo(1);
            }
            assertThatThrownBy(() -> signet.packageSigner().signPackageWithDbKey(pkg, key.id(), tokenKek, false))
                    .isInstanceOf(KeyUnwrapFailed.class);
        }
    }

    @OnEveryDatabase
    void kek_rotate_moves_every_key_into_the_token_and_back(TestDatabase db) throws Exception {
        SoftHsm hsm = SoftHsm.require();
        String label = uniqueLabel();
        Path kekFile = Keks.ownerOnly(Files.writeString(dir.resolve("kek"), Hex.encode(Keks.randomBytes())));
        Path pinFile = Keks.ownerOnly(Files.writeString(dir.resolve("pin"), hsm.pin()));
        Cli cli = new Cli(dir.resolve("home"), Map.of("SIGNET_KEY_ENCRYPTION_KEY_FILE", kekFile.toString(),
                "SIGNET_PKCS11_LIBRARY", hsm.library().toString(), "SIGNET_PKCS11_TOKEN", hsm.token(),
                "SIGNET_PKCS11_PIN_FILE", pinFile.toString()));
        Path pkg = Files.writeString(dir.resolve("p.so"), "p");
        ok(cli.run(DatabaseArgs.on(db, "org", "create", "acme")));
        String keyA = ok(cli.run(DatabaseArgs.on(db, "key", "create", "--org", "acme", "--name", "a"))).split(" ")[0];
        String keyB = ok(cli.run(DatabaseArgs.on(db, "key", "create", "--org", "acme", "--name", "b"))).split(" ")[0];
        ok(cli.run(DatabaseArgs.on(db, "kek", "create", "--pkcs11-label", label)));

        assertThat(ok(cli.run(DatabaseArgs.on(db, "kek", "rotate", "--new-kek-pkcs11-label", label))))
                .startsWith("re-wrapped 2 software keys");
        assertThat(cli.run(DatabaseArgs.on(db, "sign", pkg, "--key", keyA)).err()).startsWith("WrongKeyEncryptionKey");
        ok(cli.run(DatabaseArgs.on(db, "sign", pkg, "--key", keyA, "--kek-pkcs11-label", label)));

        assertThat(ok(cli.run(DatabaseArgs.on(db, "kek", "rotate", "--kek-pkcs11-label", label, "--new-kek-file",
                kekFile)))).startsWith("re-wrapped 2 software keys");
        ok(cli.run(DatabaseArgs.on(db, "sign", pkg, "--key", keyB)));
    }

    @OnEveryDatabase
    void a_rotation_into_the_token_aborted_midway_moves_nothing(TestDatabase db) throws Exception {
        SoftHsm hsm = SoftHsm.require();
        KeyEncryptionKey.InMemory runtimeKek = Keks.random();
        List<SigningKey> keys = new ArrayList<>();
        KeyEncryptionKey tokenKek;
        try (Signet signet = open(db, hsm)) {
            tokenKek = signet.createKeyEncryptionKeyInToken(uniqueLabel());
            OrganizationId org = signet.keyManager().createOrganization("acme").id();
            for (String name : List.of("a", "b", "c")) {
                keys.add(signet.keyManager().createSigningKey(org, name, runtimeKek));
            }
        }
        Database database = db.open();
        try (Pkcs11KeyCustodian custodian = Pkcs11KeyCustodian.open(
                new Pkcs11Config(hsm.library(), hsm.token(), hsm.pin().toCharArray(), 2))) {
            KekRoutingWrapper wrapper = new KekRoutingWrapper(new AesGcmPrivateKeyWrapper(),
                    Optional.of(new TokenPrivateKeyWrapper(new TokenKeyEncryptionKeys(custodian))));
            KekRotationService dying = new KekRotationService(failingOnSecondRewrap(database.signingKeys()),
                    database.storeKek(), wrapper, database.transactions(), event -> { });
            KeyEncryptionKey target = tokenKek;
            assertThatThrownBy(() -> dying.rotate(runtimeKek, target)).hasMessageContaining("killed midway");
        }
        try (Signet signet = open(db, hsm)) {
            Path pkg = Files.writeString(dir.resolve("p.so"), "p");
            for (SigningKey key : keys) {
                assertThat(signet.packageSigner().signPackageWithDbKey(pkg, key.id(), runtimeKek, false)).isNotNull();
                assertThatThrownBy(() -> signet.packageSigner().signPackageWithDbKey(pkg, key.id(), tokenKek, false))
                        .isInstanceOf(WrongKeyEncryptionKey.class);
            }
        }
    }

    private static Signet open(TestDatabase db, SoftHsm hsm) {
        return Signet.builder().jdbcUrl(db.url(), db.user(), db.password())
                .pkcs11(hsm.library(), hsm.token(), hsm.pin().toCharArray(), 2).build();
    }

    private static String uniqueLabel() {
        return "signet-kek-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String ok(Cli.Result result) {
        assertThat(result.exitCode()).as(result.toString()).isZero();
        return result.out().strip();
    }

    private static SigningKeyRepository failingOnSecondRewrap(SigningKeyRepository real) {
        AtomicInteger rewraps = new AtomicInteger();
        return (SigningKeyRepository) Proxy.newProxyInstance(SigningKeyRepository.class.getClassLoader(),
                new Class<?>[] {SigningKeyRepository.class}, (proxy, method, args) -> {
                    if (method.getName().equals("replaceCustody") && rewraps.incrementAndGet() == 2) {
                        throw new IllegalStateException("killed midway through the rotation");
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
