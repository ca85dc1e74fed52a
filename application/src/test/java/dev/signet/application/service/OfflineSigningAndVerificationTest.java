package dev.signet.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signet.application.port.in.SignPackageOfflineUseCase;
import dev.signet.application.port.in.VerifyPackageOfflineUseCase;
import dev.signet.domain.audit.AuditEvent;
import dev.signet.domain.key.Ed25519PrivateKey;
import dev.signet.domain.key.Ed25519PublicKey;
import dev.signet.domain.signature.Ed25519Signature;
import dev.signet.domain.signature.PackageSignature;
import dev.signet.domain.verification.InvalidSignature;
import dev.signet.domain.verification.SignatureNotFound;
import dev.signet.domain.verification.SignatureOrigin;
import dev.signet.domain.verification.TamperedPackage;
import dev.signet.domain.verification.UntrustedSigner;
import dev.signet.domain.verification.VerifiedPackage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OfflineSigningAndVerificationTest {
    private static final Instant NOW = Instant.parse("2026-01-28T12:00:00Z");

    @TempDir
    Path dir;

    private final Fakes.MirrorCrypto crypto = new Fakes.MirrorCrypto();
    private final Fakes.InMemorySignatureFiles files = new Fakes.InMemorySignatureFiles();
    private final Fakes.RecordingAuditTrail audit = new Fakes.RecordingAuditTrail();
    private final OfflineSigningService signing = new OfflineSigningService(new Fakes.Sha256Hasher(), crypto, files,
            audit, Clock.fixed(NOW, ZoneOffset.UTC), (tsa, signature) -> {
                throw new AssertionError("no TSA in these tests");
            });
    private final OfflineVerificationService verification = new OfflineVerificationService(new Fakes.Sha256Hasher(),
            crypto, files, audit, TimeBases.NEVER_CALLED, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void signing_writes_the_sidecar_and_records_package_signed() throws IOException {
        Path pkg = write("plugin.so", "hello world");
        SignPackageOfflineUseCase.SignedPackage signed = sign(pkg);

        assertThat(signed.signatureFile()).isEqualTo(dir.resolve("plugin.so.sig"));
        assertThat(files.files).containsKey(signed.signatureFile());
        assertThat(signed.signature().signedAt()).isEqualTo(NOW);
        assertThat(signed.signature().keyFingerprint()).isEqualTo(Fakes.MirrorCrypto.PUBLIC_KEY.fingerprint());
        assertThat(audit.events).singleElement().isInstanceOf(AuditEvent.PackageSigned.class);
    }

    @Test
    void a_signed_package_verifies_against_its_signers_key() throws IOException {
        Path pkg = write("plugin.so", "hello world");
        PackageSignature signature = sign(pkg).signature();

        var verified = verify(pkg, Fakes.MirrorCrypto.PUBLIC_KEY);

        assertThat(verified.packageHash()).isEqualTo(signature.packageHash());
        assertThat(verified.origin()).isEqualTo(SignatureOrigin.FILE);
        assertThat(audit.events).last().isInstanceOf(AuditEvent.VerificationSucceeded.class);
    }

    @Test
    void a_changed_package_is_tampered() throws IOException {
        Path pkg = write("plugin.so", "hello world");
        sign(pkg);
        Files.writeString(pkg, "hello world!");
        assertThatThrownBy(() -> verify(pkg, Fakes.MirrorCrypto.PUBLIC_KEY)).isInstanceOf(TamperedPackage.class);
        assertLastFailureReason("tampered");
    }

    @Test
    void a_public_key_other_than_the_signers_is_untrusted() throws IOException {
        Path pkg = write("plugin.so", "hello world");
        sign(pkg);
        byte[] other = new byte[32];
        other[0] = 1;
        assertThatThrownBy(() -> verify(pkg, new Ed25519PublicKey(other))).isInstanceOf(UntrustedSigner.class);
        assertLastFailureReason("untrusted_signer");
    }

    @Test
    void a_signature_that_does_not_check_out_is_invalid_even_when_the_hash_matches() throws IOException {
        Path pkg = write("plugin.so", "hello world");
        Path sig = sign(pkg).signatureFile();
        PackageSignature good = files.files.get(sig);
        byte[] flipped = good.signature().bytes();
        flipped[0] ^= 1;
        files.files.put(sig, new PackageSignature(good.packageHash(), good.keyFingerprint(),
                new Ed25519Signature(flipped), good.signedAt()));
        assertThatThrownBy(() -> verify(pkg, Fakes.MirrorCrypto.PUBLIC_KEY)).isInstanceOf(InvalidSignature.class);
        assertLastFailureReason("invalid_signature");
    }

    @Test
    void a_package_without_a_signature_is_signature_not_found() throws IOException {
        Path pkg = write("plugin.so", "hello world");
        assertThatThrownBy(() -> verify(pkg, Fakes.MirrorCrypto.PUBLIC_KEY)).isInstanceOf(SignatureNotFound.class)
                .hasMessageContaining("plugin.so.sig");
        assertLastFailureReason("signature_not_found");
    }

    @Test
    void cloacinas_double_dot_sidecar_is_found_for_a_package_without_extension() throws IOException {
        Path pkg = write("package", "hello world");
        Path cloacinaSidecar = dir.resolve("package..sig");
        PackageSignature signature = sign(pkg).signature();
        Files.delete(dir.resolve("package.sig"));
        files.write(cloacinaSidecar, signature);

        assertThat(SignatureSidecar.candidatesFor(pkg)).containsExactly(dir.resolve("package.sig"), cloacinaSidecar);
        assertThat(verify(pkg, Fakes.MirrorCrypto.PUBLIC_KEY).signerFingerprint())
                .isEqualTo(Fakes.MirrorCrypto.PUBLIC_KEY.fingerprint());
    }

    private void assertLastFailureReason(String reason) {
        assertThat(audit.events).last().isInstanceOfSatisfying(AuditEvent.VerificationFailed.class,
                failed -> assertThat(failed.failureReason()).isEqualTo(reason));
    }

    private SignPackageOfflineUseCase.SignedPackage sign(Path pkg) {
        try (Ed25519PrivateKey key = crypto.generate()) {
            return signing.sign(new SignPackageOfflineUseCase.Command(pkg, key, Optional.empty()));
        }
    }

    private VerifiedPackage verify(Path pkg, Ed25519PublicKey key) {
        return verification.verify(new VerifyPackageOfflineUseCase.Command(pkg, Optional.empty(), key));
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }
}
