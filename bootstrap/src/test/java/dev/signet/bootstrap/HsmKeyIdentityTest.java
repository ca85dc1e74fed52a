package dev.signet.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.signet.adapters.persistence.db.OnEveryDatabase;
import dev.signet.adapters.persistence.db.TestDatabase;
import dev.signet.bootstrap.support.Keks;
import dev.signet.bootstrap.support.Cli;
import dev.signet.bootstrap.support.DatabaseArgs;
import dev.signet.bootstrap.support.Processes;
import dev.signet.bootstrap.support.SoftHsm;
import dev.signet.domain.Conflict;
import dev.signet.domain.Hex;
import dev.signet.domain.audit.AuditRecord;
import dev.signet.domain.key.HsmKeyMismatch;
import dev.signet.domain.key.KeyCustody;
import dev.signet.domain.key.SigningKey;
import dev.signet.domain.organization.OrganizationId;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An HSM key is the token object Signet bound at creation: a private key replaced in the token under the
 * same CKA_ID (as an operator would with pkcs11-tool) signs nothing, and one token object never backs two
 * Signet keys. Against the run's SoftHSM2 token.
 */
class HsmKeyIdentityTest {
    @TempDir
    Path dir;

    @Test
    void a_private_key_replaced_under_the_same_cka_id_fails_the_signing_naming_the_key_and_writes_no_sig()
            throws Exception {
        SoftHsm hsm = SoftHsm.require();
        Path pkg = Files.writeString(dir.resolve("plugin.so"), "signed inside the HSM");
        Path sig = dir.resolve("plugin.so.sig");
        try (Signet signet = Signet.builder().embedded(dir.resolve("home"))
                .pkcs11(hsm.library(), hsm.token(), hsm.pin().toCharArray(), 2).build()) {
            OrganizationId org = signet.keyManager().createOrganization("acme").id();
            SigningKey key = signet.keyManager().createHsmSigningKey(org, "hsm-release");
            // signs once, so that the pool remembers the private key's object handle
            signet.packageSigner().signPackageWithDbKey(pkg, key.id(), true, sig);
            Files.delete(sig);

            replaceInToken(hsm, (KeyCustody.Hsm) key.custody(), "signet-" + key.id());

            Throwable failure = catchThrowable(() -> signet.packageSigner().signPackageWithDbKey(pkg, key.id(), true,
                    sig));

            assertMismatch(failure, key, hsm);
            assertThat(sig).doesNotExist();
            assertThat(records(signet, "package.signed")).hasSize(1);
            assertThat(records(signet, "package.sign.failure")).singleElement()
                    .satisfies(r -> assertThat(r.payload()).contains(key.id().toString(), key.fingerprint().hex()));
            assertThat(signet.audit().verify().isWhole()).isTrue();
        }
        // and a fresh process, which remembers no handle, refuses it just the same
        try (Signet signet = Signet.builder().embedded(dir.resolve("home"))
                .pkcs11(hsm.library(), hsm.token(), hsm.pin().toCharArray(), 1).build()) {
            SigningKey key = signet.keyManager().listSigningKeys(signet.keyManager().organization("acme").id()).get(0);
            assertMismatch(catchThrowable(() -> signet.packageSigner().signPackageWithDbKey(pkg, key.id(), false,
                    sig)), key, hsm);
            assertThat(sig).doesNotExist();
        }
    }

    @Test
    void signet_sign_with_a_replaced_hsm_key_exits_1_in_one_line_naming_the_key_and_writes_no_sig()
            throws Exception {
        SoftHsm hsm = SoftHsm.require();
        Cli cli = cli(hsm);
        Path pkg = Files.writeString(dir.resolve("plugin.so"), "signed inside the HSM");
        Path sig = dir.resolve("plugin.so.sig");
        ok(cli.run("org", "create", "acme"));
        String[] created = ok(cli.run("key", "create", "--org", "acme", "--name", "hsm", "--backend", "pkcs11"))
                .strip().split(" ");
        String keyId = created[0];
        ok(cli.run("sign", pkg, "--key", keyId));
        Files.delete(sig);
        replaceInToken(hsm, new KeyCustody.Hsm(hsm.token(), objectId(UUID.fromString(keyId))), "signet-" + keyId);

        Cli.Result failed = cli.run("sign", pkg, "--key", keyId);

        assertThat(failed.exitCode()).as(failed.toString()).isEqualTo(1);
        assertThat(failed.out()).isEmpty();
        assertThat(failed.errLines()).as(failed.toString()).singleElement().asString()
                .startsWith("HsmKeyMismatch: HSM key " + keyId)
                .contains(created[1], "token '" + hsm.token() + "'")
                .doesNotContain("Exception", "\tat ");
        assertThat(failed.err().replaceAll("[0-9a-fA-F]{16,}", "")).doesNotContain(hsm.pin());
        assertThat(sig).doesNotExist();
    }

    @OnEveryDatabase
    void one_token_object_is_never_bound_to_two_signet_keys(TestDatabase db) throws Exception {
        SoftHsm hsm = SoftHsm.require();
        String label = "ops-made-" + UUID.randomUUID().toString().substring(0, 8);
        String id = Hex.encode(UUID.randomUUID().toString().substring(0, 8).getBytes(StandardCharsets.US_ASCII));
        pkcs11Tool(hsm, "--keypairgen", "--key-type", "EC:edwards25519", "--label", label, "--id", id);
        try (Signet signet = Signet.builder().jdbcUrl(db.url(), db.user(), db.password())
                .pkcs11(hsm.library(), hsm.token(), hsm.pin().toCharArray(), 2).build()) {
            KeyManager keys = signet.keyManager();
            OrganizationId acme = keys.createOrganization("acme").id();
            OrganizationId other = keys.createOrganization("other").id();
            SigningKey imported = keys.importHsmSigningKey(acme, "imported", label);

            assertBoundTwice(catchThrowable(() -> keys.importHsmSigningKey(acme, "again", label)), id, hsm);
            assertBoundTwice(catchThrowable(() -> keys.importHsmSigningKey(other, "elsewhere", label)), id, hsm);
            // a key Signet generated, adopted a second time through its label
            SigningKey generated = keys.createHsmSigningKey(acme, "generated");
            assertBoundTwice(catchThrowable(() -> keys.importHsmSigningKey(other, "adopted",
                    "signet-" + generated.id())), Hex.encode(((KeyCustody.Hsm) generated.custody()).objectId()), hsm);
            // even once the first binding is revoked (its private key destroyed) and a new pair made under the
            // same CKA_ID and label: the revoked row still names that object
            keys.revokeSigningKey(imported.id());
            pkcs11Tool(hsm, "--delete-object", "--type", "pubkey", "--id", id);
            pkcs11Tool(hsm, "--keypairgen", "--key-type", "EC:edwards25519", "--label", label, "--id", id);
            assertBoundTwice(catchThrowable(() -> keys.importHsmSigningKey(other, "after-revoke", label)), id, hsm);

            assertThat(keys.listSigningKeys(acme)).extracting(k -> k.name().value())
                    .containsExactly("imported", "generated");
            assertThat(keys.listSigningKeys(other)).isEmpty();
            assertThat(records(signet, "key.signing.create_failed")).hasSize(4);
        }

        String otherLabel = "ops-made-" + UUID.randomUUID().toString().substring(0, 8);
        String otherId = Hex.encode(UUID.randomUUID().toString().substring(0, 8).getBytes(StandardCharsets.US_ASCII));
        pkcs11Tool(hsm, "--keypairgen", "--key-type", "EC:edwards25519", "--label", otherLabel, "--id", otherId);
        Cli cli = cli(hsm);
        ok(cli.run(DatabaseArgs.on(db, "key", "import", "--org", "acme", "--name", "cli-imported", "--pkcs11-label",
                otherLabel)));
        Cli.Result twice = cli.run(DatabaseArgs.on(db, "key", "import", "--org", "other", "--name", "cli-again",
                "--pkcs11-label", otherLabel));
        assertThat(twice.exitCode()).as(twice.toString()).isEqualTo(1);
        assertThat(twice.errLines()).as(twice.toString()).singleElement().asString()
                .startsWith("Conflict: the object with CKA_ID " + otherId + " in PKCS#11 token '" + hsm.token()
                        + "' is already bound to another Signet signing key");
    }

    @Test
    void a_pair_whose_private_object_is_not_the_half_of_its_labelled_public_object_is_not_imported()
            throws Exception {
        SoftHsm hsm = SoftHsm.require();
        String label = "ops-made-" + UUID.randomUUID().toString().substring(0, 8);
        String id = Hex.encode(UUID.randomUUID().toString().substring(0, 8).getBytes(StandardCharsets.US_ASCII));
        pkcs11Tool(hsm, "--keypairgen", "--key-type", "EC:edwards25519", "--label", label, "--id", id);
        pkcs11Tool(hsm, "--delete-object", "--type", "privkey", "--id", id);
        pkcs11Tool(hsm, "--keypairgen", "--key-type", "EC:edwards25519", "--label", label + "-other", "--id", id);
        try (Signet signet = Signet.builder().embedded(dir.resolve("home"))
                .pkcs11(hsm.library(), hsm.token(), hsm.pin().toCharArray(), 1).build()) {
            KeyManager keys = signet.keyManager();
            OrganizationId acme = keys.createOrganization("acme").id();

            Throwable failure = catchThrowable(() -> keys.importHsmSigningKey(acme, "mismatched", label));

            assertThat(failure).isInstanceOf(HsmKeyMismatch.class);
            assertThat(failure.getMessage()).contains("CKA_ID " + id, "token '" + hsm.token() + "'");
            assertThat(keys.listSigningKeys(acme)).isEmpty();
            assertThat(records(signet, "key.signing.create_failed")).singleElement()
                    .satisfies(r -> assertThat(r.payload()).contains("CKA_ID " + id));
        }
    }

    @Test
    void signet_refuses_a_token_kek_label_that_names_an_extractable_or_non_aes_key() throws Exception {
        SoftHsm hsm = SoftHsm.require();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String extractable = "extractable-aes-" + suffix;
        String generic = "generic-secret-" + suffix;
        pkcs11Tool(hsm, "--keygen", "--key-type", "AES:32", "--label", extractable, "--sensitive", "--extractable");
        pkcs11Tool(hsm, "--keygen", "--key-type", "GENERIC:32", "--label", generic, "--sensitive");
        Cli cli = cli(hsm);
        ok(cli.run("org", "create", "acme"));

        Cli.Result first = cli.run("key", "create", "--org", "acme", "--name", "a", "--kek-pkcs11-label", extractable);
        Cli.Result second = cli.run("key", "create", "--org", "acme", "--name", "b", "--kek-pkcs11-label", generic);

        assertThat(first.exitCode()).as(first.toString()).isEqualTo(1);
        assertThat(first.errLines()).as(first.toString()).singleElement().asString()
                .startsWith("UnsafeKeyEncryptionKey: key-encryption key '" + extractable + "' in token '"
                        + hsm.token() + "' is refused: CKA_EXTRACTABLE is true");
        assertThat(second.exitCode()).as(second.toString()).isEqualTo(1);
        assertThat(second.errLines()).as(second.toString()).singleElement().asString()
                .startsWith("UnsafeKeyEncryptionKey: key-encryption key '" + generic + "' in token '"
                        + hsm.token() + "' is refused: CKA_KEY_TYPE is CKK_GENERIC_SECRET (0x10), not CKK_AES");
        assertThat(ok(cli.run("key", "list", "--org", "acme"))).isEmpty();
    }

    private static void assertMismatch(Throwable failure, SigningKey key, SoftHsm hsm) {
        assertThat(failure).isInstanceOf(HsmKeyMismatch.class);
        assertThat(failure.getMessage()).contains("HSM key " + key.id(), key.fingerprint().hex(),
                "token '" + hsm.token() + "'").doesNotContain("\n");
        assertThat(failure.getMessage().replaceAll("[0-9a-fA-F]{16,}", "")).doesNotContain(hsm.pin());
    }

    private static void assertBoundTwice(Throwable failure, String objectIdHex, SoftHsm hsm) {
        assertThat(failure).isInstanceOf(Conflict.class);
        assertThat(failure.getMessage()).contains("CKA_ID " + objectIdHex, "token '" + hsm.token() + "'",
                "already bound to another Signet signing key");
    }

    /** What an operator would do: delete the key pair under the CKA_ID and make another with the same id and label. */
    private void replaceInToken(SoftHsm hsm, KeyCustody.Hsm custody, String label) {
        String id = Hex.encode(custody.objectId());
        pkcs11Tool(hsm, "--delete-object", "--type", "privkey", "--id", id);
        pkcs11Tool(hsm, "--delete-object", "--type", "pubkey", "--id", id);
        pkcs11Tool(hsm, "--keypairgen", "--key-type", "EC:edwards25519", "--label", label, "--id", id);
    }

    private void pkcs11Tool(SoftHsm hsm, String... args) {
        List<String> command = new java.util.ArrayList<>(List.of("pkcs11-tool", "--module", hsm.library().toString(),
                "--token-label", hsm.token(), "--login", "--pin", hsm.pin()));
        command.addAll(List.of(args));
        Processes.ok(dir, command.toArray(String[]::new));
    }

    private Cli cli(SoftHsm hsm) throws Exception {
        Path pinFile = Keks.ownerOnly(Files.writeString(dir.resolve("pin"), hsm.pin()));
        return new Cli(dir.resolve("home"), Map.of("SIGNET_PKCS11_LIBRARY", hsm.library().toString(),
                "SIGNET_PKCS11_TOKEN", hsm.token(), "SIGNET_PKCS11_PIN_FILE", pinFile.toString()));
    }

    private static byte[] objectId(UUID keyId) {
        return java.nio.ByteBuffer.allocate(16).putLong(keyId.getMostSignificantBits())
                .putLong(keyId.getLeastSignificantBits()).array();
    }

    private static List<AuditRecord> records(Signet signet, String type) {
        return signet.audit().list(Optional.of(type), Optional.empty());
    }

    private static String ok(Cli.Result result) {
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.err()).as(result.toString()).isEmpty();
        return result.out();
    }
}
