package dev.signet.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.signet.adapters.crypto.pkcs11.FaultyPkcs11Library;
import dev.signet.adapters.crypto.pkcs11.Pkcs11Failure;
import dev.signet.bootstrap.support.Keks;
import dev.signet.bootstrap.support.Cli;
import dev.signet.bootstrap.support.SoftHsm;
import dev.signet.domain.audit.AuditRecord;
import dev.signet.domain.key.SigningKey;
import dev.signet.domain.organization.OrganizationId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HSM library failing mid-sign, through the Signet facade and the CLI (see FaultyPkcs11Library): the signing
 * fails with Pkcs11Failure in one line, without the PIN, leaves no .sig, and is audited as a failed signing; once
 * the fault clears, the same Signet signs again and the signature verifies.
 */
class FaultyHsmSigningTest {
    @TempDir
    Path dir;

    private SoftHsm hsm;
    private FaultyPkcs11Library faulty;

    @BeforeEach
    void buildTheShim() throws IOException {
        hsm = SoftHsm.require();
        faulty = FaultyPkcs11Library.build(Path.of("..", "adapters-crypto-pkcs11"), hsm.library());
    }

    @AfterEach
    void heal() throws IOException {
        if (faulty != null) {
            faulty.heal();
        }
    }

    @Test
    void a_device_error_fails_the_signing_in_one_line_is_audited_and_the_same_signet_signs_once_it_clears()
            throws Exception {
        Path pkg = Files.writeString(dir.resolve("plugin.so"), "signed inside a flaky HSM");
        Path sig = dir.resolve("plugin.so.sig");
        try (Signet signet = Signet.builder().embedded(dir.resolve("home"))
                .pkcs11(faulty.library(), hsm.token(), hsm.pin().toCharArray(), 2).build()) {
            OrganizationId org = signet.keyManager().createOrganization("acme").id();
            SigningKey key = signet.keyManager().createHsmSigningKey(org, "hsm-release");
            faulty.failNext("C_Sign", Pkcs11Failure.CKR_DEVICE_ERROR, 1);

            Throwable failure = catchThrowable(() -> signet.packageSigner().signPackageWithDbKey(pkg, key.id(), true,
                    sig));

            assertThat(failure).isInstanceOf(Pkcs11Failure.class);
            assertThat(failure.getMessage()).contains("C_Sign failed: CKR_DEVICE_ERROR (0x30)")
                    .doesNotContain("\n");
            assertThat(failure.getMessage().replaceAll("[0-9a-fA-F]{16,}", "")).doesNotContain(hsm.pin());
            assertThat(sig).doesNotExist();
            assertThat(records(signet, "package.signed")).isEmpty();
            assertThat(records(signet, "package.sign.failure")).singleElement()
                    .satisfies(r -> assertThat(r.payload()).contains("CKR_DEVICE_ERROR"));

            // A lost device is retried on a repaired pool, then the fault is gone: the same Signet signs.
            faulty.failNext("C_Sign", Pkcs11Failure.CKR_DEVICE_REMOVED, 1);
            signet.packageSigner().signPackageWithDbKey(pkg, key.id(), true, sig);
            faulty.heal();
            signet.packageSigner().signPackageWithDbKey(pkg, key.id(), false, sig);

            byte[] pem = signet.keyManager().exportPublicKey(key.id()).publicKeyPem().getBytes(StandardCharsets.US_ASCII);
            assertThat(Verification.verifyPackageOffline(pkg, sig, pem).signerFingerprint()).isEqualTo(key.fingerprint());
            assertThat(records(signet, "package.signed")).hasSize(2);
            assertThat(signet.audit().verify().isWhole()).isTrue();
        }
    }

    @Test
    void signet_sign_with_an_hsm_key_while_the_library_fails_exits_1_with_one_line_and_works_once_it_clears()
            throws Exception {
        Path pinFile = Keks.ownerOnly(Files.writeString(dir.resolve("pin"), hsm.pin()));
        Cli cli = new Cli(dir.resolve("home"), Map.of("SIGNET_PKCS11_LIBRARY", faulty.library().toString(),
                "SIGNET_PKCS11_TOKEN", hsm.token(), "SIGNET_PKCS11_PIN_FILE", pinFile.toString()));
        Path pkg = Files.writeString(dir.resolve("plugin.so"), "signed inside a flaky HSM");
        Path sig = dir.resolve("plugin.so.sig");
        ok(cli.run("org", "create", "acme"));
        String keyId = ok(cli.run("key", "create", "--org", "acme", "--name", "hsm", "--backend", "pkcs11"))
                .strip().split(" ")[0];
        Path pem = dir.resolve("hsm.pem");
        ok(cli.run("key", "export", keyId, "--out", pem));
        faulty.failEvery("C_Sign", Pkcs11Failure.CKR_DEVICE_ERROR);

        Cli.Result failed = cli.run("sign", pkg, "--key", keyId);

        assertThat(failed.exitCode()).as(failed.toString()).isEqualTo(1);
        assertThat(failed.out()).isEmpty();
        assertThat(failed.errLines()).as(failed.toString()).singleElement().asString()
                .startsWith("Pkcs11Failure: C_Sign failed: CKR_DEVICE_ERROR (0x30)")
                .doesNotContain("Exception", "\tat ");
        assertThat(failed.err().replaceAll("[0-9a-fA-F]{16,}", "")).doesNotContain(hsm.pin());
        assertThat(sig).doesNotExist();

        faulty.heal();
        ok(cli.run("sign", pkg, "--key", keyId));
        assertThat(ok(cli.run("verify", pkg, "--public-key", pem))).startsWith("Verified ");
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
