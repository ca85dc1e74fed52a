package dev.signet.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signet.adapters.persistence.db.OnEveryDatabase;
import dev.signet.adapters.persistence.db.TestDatabase;
import dev.signet.application.port.in.SignatureSource;
import dev.signet.bootstrap.support.Keks;
import dev.signet.bootstrap.support.DatabaseArgs;
import dev.signet.bootstrap.support.Cli;
import dev.signet.bootstrap.support.Processes;
import dev.signet.bootstrap.support.SoftHsm;
import dev.signet.domain.key.KeyCustody;
import dev.signet.domain.key.SigningKey;
import dev.signet.domain.key.SigningKeyRevoked;
import dev.signet.domain.organization.OrganizationId;
import dev.signet.domain.signature.PackageSignature;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.io.TempDir;

/** HSM keys end to end through the public API and the CLI, against the run's SoftHSM2 token. */
class HsmKeysTest {
    @TempDir
    Path dir;

    @OnEveryDatabase
    void an_hsm_key_signs_and_its_signature_verifies_everywhere(TestDatabase db) throws Exception {
        SoftHsm hsm = SoftHsm.require();
        try (Signet signet = Signet.builder().jdbcUrl(db.url(), db.user(), db.password())
                .pkcs11(hsm.library(), hsm.token(), hsm.pin().toCharArray(), 2).build()) {
            OrganizationId org = signet.keyManager().createOrganization("acme").id();
            SigningKey key = signet.keyManager().createHsmSigningKey(org, "hsm-release");
            assertThat(key.custody()).isInstanceOf(KeyCustody.Hsm.class);
            assertNoKeyMaterialInTheRow(db, key);

            Path pkg = Files.writeString(dir.resolve("plugin.so"), "signed inside the HSM");
            PackageSignature signature = signet.packageSigner().signPackageWithDbKey(pkg, key.id(), true).signature();
            Path sig = dir.resolve("plugin.so.sig");
            signet.packageSigner().writeDetachedSignature(signature, sig);
            String pem = signet.keyManager().exportPublicKey(key.id()).publicKeyPem();
            Path pemFile = Files.writeString(dir.resolve("hsm.pem"), pem);

            // offline with the exported PEM, with the OpenSSL CLI, and online through trust
            assertThat(Verification.verifyPackageOffline(pkg, sig, pem.getBytes(StandardCharsets.US_ASCII))
                    .signerFingerprint()).isEqualTo(key.fingerprint());
            Processes.ok(dir, "openssl", "dgst", "-sha256", "-binary", "-out", "digest.bin", "plugin.so");
            Files.write(dir.resolve("sig.bin"), signature.signature().bytes());
            assertThat(Processes.ok(dir, "openssl", "pkeyutl", "-verify", "-pubin", "-inkey", "hsm.pem", "-rawin",
                    "-in", "digest.bin", "-sigfile", "sig.bin")).contains("Signature Verified Successfully");
            signet.keyManager().trustPublicKeyPem(org, pem, "HSM release key");
            assertThat(signet.verifier().verifyPackage(pkg, org, SignatureSource.DATABASE).signerFingerprint())
                    .isEqualTo(key.fingerprint());
            assertThat(pemFile).exists();

            // revoking destroys the private key in the token; the key signs no more
            signet.keyManager().revokeSigningKey(key.id());
            assertThatThrownBy(() -> signet.packageSigner().signPackageWithDbKey(pkg, key.id(), false))
                    .isInstanceOf(SigningKeyRevoked.class);
        }
    }

    @OnEveryDatabase
    void a_key_made_by_pkcs11_tool_is_imported_by_label_and_signs(TestDatabase db) throws Exception {
        SoftHsm hsm = SoftHsm.require();
        String label = "ops-made-" + UUID.randomUUID().toString().substring(0, 8);
        String id = HexFormat.of().formatHex(UUID.randomUUID().toString().substring(0, 8).getBytes(StandardCharsets.US_ASCII));
        Processes.ok(dir, "pkcs11-tool", "--module", hsm.library().toString(), "--token-label", hsm.token(), "--login",
                "--pin", hsm.pin(), "--keypairgen", "--key-type", "EC:edwards25519", "--label", label, "--id", id);
        try (Signet signet = Signet.builder().jdbcUrl(db.url(), db.user(), db.password())
                .pkcs11(hsm.library(), hsm.token(), hsm.pin().toCharArray(), 2).build()) {
            OrganizationId org = signet.keyManager().createOrganization("acme").id();
            SigningKey key = signet.keyManager().importHsmSigningKey(org, "imported", label);
            Path pkg = Files.writeString(dir.resolve("p.so"), "p");
            PackageSignature signature = signet.packageSigner().signPackageWithDbKey(pkg, key.id(), false).signature();
            signet.packageSigner().writeDetachedSignature(signature, dir.resolve("p.so.sig"));
            assertThat(Verification.verifyPackageOffline(pkg, dir.resolve("p.so.sig"),
                    signet.keyManager().exportPublicKey(key.id()).publicKeyPem().getBytes(StandardCharsets.US_ASCII)))
                    .isNotNull();
        }
    }

    @OnEveryDatabase
    void the_cli_creates_and_signs_with_an_hsm_key(TestDatabase db) throws Exception {
        SoftHsm hsm = SoftHsm.require();
        Path pinFile = Keks.ownerOnly(Files.writeString(dir.resolve("pin"), hsm.pin() + "\n"));
        Cli cli = new Cli(dir.resolve("home"), Map.of("SIGNET_PKCS11_LIBRARY", hsm.library().toString(),
                "SIGNET_PKCS11_TOKEN", hsm.token(), "SIGNET_PKCS11_PIN_FILE", pinFile.toString()));
        assertThat(cli.run(DatabaseArgs.on(db, "org", "create", "acme")).exitCode()).isZero();
        Cli.Result created = cli.run(DatabaseArgs.on(db, "key", "create", "--org", "acme", "--name", "hsm",
                "--backend", "pkcs11"));
        assertThat(created.exitCode()).as(created.toString()).isZero();
        String keyId = created.out().strip().split(" ")[0];
        Path pkg = Files.writeString(dir.resolve("p.so"), "p");
        Cli.Result signed = cli.run(DatabaseArgs.on(db, "sign", pkg, "--key", keyId));
        assertThat(signed.exitCode()).as(signed.toString()).isZero();
        Path pem = dir.resolve("hsm.pem");
        assertThat(cli.run(DatabaseArgs.on(db, "key", "export", keyId, "--out", pem)).exitCode()).isZero();
        assertThat(cli.run("verify", pkg, "--public-key", pem).exitCode()).isZero();
        assertThat(Base64.getDecoder().decode(Files.readString(dir.resolve("p.so.sig"))
                .replaceAll("(?s).*\"signature\": \"([^\"]+)\".*", "$1"))).hasSize(64);
    }


    private static void assertNoKeyMaterialInTheRow(TestDatabase db, SigningKey key) throws Exception {
        try (Connection connection = db.connect(); PreparedStatement select = connection.prepareStatement(
                "SELECT wrapped_private_key, kek_id, hsm_token_label, hsm_object_id, public_key FROM signing_keys WHERE id = ?")) {
            select.setObject(1, key.id().value());
            try (ResultSet row = select.executeQuery()) {
                assertThat(row.next()).isTrue();
                assertThat(row.getBytes("wrapped_private_key")).isNull();
                assertThat(row.getString("kek_id")).isNull();
                assertThat(row.getString("hsm_token_label")).isNotBlank();
                assertThat(row.getBytes("hsm_object_id")).isNotEmpty();
                assertThat(row.getBytes("public_key")).isEqualTo(key.publicKey().bytes());
            }
        }
    }
}
