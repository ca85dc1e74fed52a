package dev.signet.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signet.adapters.persistence.db.OnEveryDatabase;
import dev.signet.adapters.persistence.db.TestDatabase;
import dev.signet.application.port.in.SecurityConfig;
import dev.signet.application.port.in.SignPackageWithStoredKeyUseCase.StoredKeySignature;
import dev.signet.application.port.in.SignatureSource;
import dev.signet.bootstrap.support.Keks;
import dev.signet.domain.audit.AuditEvent;
import dev.signet.domain.key.KeyEncryptionKey;
import dev.signet.domain.key.SigningKey;
import dev.signet.domain.key.SigningKeyRevoked;
import dev.signet.domain.organization.OrganizationId;
import dev.signet.domain.trust.TrustedKey;
import dev.signet.domain.verification.SignatureOrigin;
import dev.signet.domain.verification.UntrustedSigner;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.io.TempDir;

/** The seed's key-rotation story, end to end through the public API, on H2 and on PostgreSQL. */
class KeyRotationWalkthroughTest {
    @TempDir
    Path dir;

    @OnEveryDatabase
    void rotating_a_release_key(TestDatabase db) throws Exception {
        KeyEncryptionKey kek = Keks.random();
        List<AuditEvent> audit = new CopyOnWriteArrayList<>();
        try (Signet signet = Signet.builder().jdbcUrl(db.url(), db.user(), db.password())
                .securityConfig(SecurityConfig.builder().keyEncryptionKey(kek).build()).auditTrail(audit::add).build()) {
            KeyManager keys = signet.keyManager();
            PackageSigner signer = signet.packageSigner();
            OrganizationId org = keys.createOrganization("acme").id();
            Path oldRelease = Files.writeString(dir.resolve("release-1.so"), "release 1", StandardCharsets.UTF_8);
            Path newRelease = Files.writeString(dir.resolve("release-2.so"), "release 2", StandardCharsets.UTF_8);

            // v1 signs release 1
            SigningKey v1 = keys.createSigningKey(org, "release-key-v1", kek);
            StoredKeySignature signedByV1 = signer.signPackageWithDbKey(oldRelease, v1.id(), kek, true);
            signer.writeDetachedSignature(signedByV1.signature(), dir.resolve("release-1.so.sig"));
            assertThat(signedByV1.stored()).isTrue();

            // v2 is created; during the transition both keys are trusted
            SigningKey v2 = keys.createSigningKey(org, "release-key-v2", kek);
            String v1Pem = keys.exportPublicKey(v1.id()).publicKeyPem();
            String v2Pem = keys.exportPublicKey(v2.id()).publicKeyPem();
            TrustedKey trustedV1 = keys.trustPublicKeyPem(org, v1Pem, "Release Key v1");
            keys.trustPublicKeyPem(org, v2Pem, "Release Key v2");
            StoredKeySignature signedByV2 = signer.signPackageWithDbKey(newRelease, v2.id(), kek, true);
            signer.writeDetachedSignature(signedByV2.signature(), dir.resolve("release-2.so.sig"));

            // both signatures verify offline, with the exported PEMs, and online through trust
            assertThat(Verification.verifyPackageOffline(oldRelease, dir.resolve("release-1.so.sig"),
                    v1Pem.getBytes(StandardCharsets.US_ASCII)).signerFingerprint()).isEqualTo(v1.fingerprint());
            assertThat(Verification.verifyPackageOffline(newRelease, dir.resolve("release-2.so.sig"),
                    v2Pem.getBytes(StandardCharsets.US_ASCII)).signerFingerprint()).isEqualTo(v2.fingerprint());
            assertThat(signet.verifier().verifyPackage(oldRelease, org, SignatureSource.AUTO).signerFingerprint())
                    .isEqualTo(v1.fingerprint());
            assertThat(signet.verifier().verifyPackage(newRelease, org, SignatureSource.DATABASE).origin())
                    .isEqualTo(SignatureOrigin.DATABASE);

            // the old key is retired: no longer trusted, no longer able to sign
            keys.revokeTrustedKey(trustedV1.id());
            keys.revokeSigningKey(v1.id());
            assertThatThrownBy(() -> signer.signPackageWithDbKey(newRelease, v1.id(), kek, true))
                    .isInstanceOf(SigningKeyRevoked.class);

            // packages signed by v1 now fail as untrusted, and the audit says so; v2's still verify
            assertThatThrownBy(() -> signet.verifier().verifyPackage(oldRelease, org, SignatureSource.AUTO))
                    .isInstanceOf(UntrustedSigner.class);
            assertThat(audit).last().isInstanceOfSatisfying(AuditEvent.VerificationFailed.class, failed -> {
                assertThat(failed.failureReason()).isEqualTo("untrusted_signer");
                assertThat(failed.signerFingerprint()).contains(v1.fingerprint());
            });
            assertThat(signet.verifier().verifyPackage(newRelease, org, SignatureSource.AUTO).signerFingerprint())
                    .isEqualTo(v2.fingerprint());
        }
    }

    @OnEveryDatabase
    void signing_the_same_package_twice_with_one_key_stores_one_signature(TestDatabase db) throws Exception {
        KeyEncryptionKey kek = Keks.random();
        try (Signet signet = Signet.builder().jdbcUrl(db.url(), db.user(), db.password()).build()) {
            OrganizationId org = signet.keyManager().createOrganization("acme").id();
            SigningKey key = signet.keyManager().createSigningKey(org, "k", kek);
            Path pkg = Files.writeString(dir.resolve("p.so"), "p");
            assertThat(signet.packageSigner().signPackageWithDbKey(pkg, key.id(), kek, true).stored()).isTrue();
            assertThat(signet.packageSigner().signPackageWithDbKey(pkg, key.id(), kek, true).stored()).isFalse();
            try (var connection = db.connect(); var statement = connection.createStatement();
                    var rows = statement.executeQuery("SELECT COUNT(*) FROM package_signatures")) {
                rows.next();
                assertThat(rows.getInt(1)).isEqualTo(1);
            }
        }
    }
}
