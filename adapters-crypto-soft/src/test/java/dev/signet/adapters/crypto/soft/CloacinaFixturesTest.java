package dev.signet.adapters.crypto.soft;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signet.domain.key.Ed25519PrivateKey;
import dev.signet.domain.key.Ed25519PublicKey;
import dev.signet.domain.signature.Ed25519Signature;
import dev.signet.domain.signature.PackageHash;
import dev.signet.domain.signature.SignedMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Byte compatibility with what Cloacina writes (shared/testdata/cloacina, rules in compat.md). */
class CloacinaFixturesTest {
    private final PemPublicKeyCodec codec = new PemPublicKeyCodec();
    private final Pkcs8PrivateKeyReader privateKeys = new Pkcs8PrivateKeyReader();
    private final BouncyCastlePrivateKeySigner signer = new BouncyCastlePrivateKeySigner();
    private final BouncyCastleSignatureVerifier verifier = new BouncyCastleSignatureVerifier();
    private final StreamingPackageHasher hasher = new StreamingPackageHasher();

    private static Path fixture(String name) {
        return SharedTestData.resolve("cloacina/" + name);
    }

    @Test
    void cloacinasCrlfPublicKeyPemReadsToTheRfcKeyAndItsFingerprint() throws IOException {
        byte[] pem = Files.readAllBytes(fixture("rfc8032-test1.public.crlf.pem"));
        assertThat(pem).hasSize(116);

        Ed25519PublicKey key = codec.read(pem);

        assertThat(key.hex()).isEqualTo(Fixtures.RFC8032_TEST1_PUBLIC);
        assertThat(key.fingerprint().hex()).isEqualTo(Fixtures.RFC8032_TEST1_FINGERPRINT);
    }

    @Test
    void toPemWritesCloacinasPemWithLfLineEnds() throws IOException {
        String crlf = Files.readString(fixture("rfc8032-test1.public.crlf.pem"), StandardCharsets.US_ASCII);
        assertThat(codec.toPem(Ed25519PublicKey.fromHex(Fixtures.RFC8032_TEST1_PUBLIC)))
                .isEqualTo(crlf.replace("\r\n", "\n"));
    }

    @Test
    void thePrivateKeyPemReadsToTheSameKeyPair() throws IOException {
        try (Ed25519PrivateKey key = privateKeys.read(Files.readAllBytes(fixture("rfc8032-test1.private.pem")))) {
            assertThat(key.seed()).isEqualTo(Fixtures.hex(Fixtures.RFC8032_TEST1_SEED));
            assertThat(signer.publicKeyOf(key).hex()).isEqualTo(Fixtures.RFC8032_TEST1_PUBLIC);
        }
    }

    @ParameterizedTest
    @CsvSource({
            "hello-world.pkg, b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9",
            "empty.pkg, e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"})
    void hashingThePackageGivesCloacinasPackageHash(String pkg, String expectedHash) throws IOException {
        assertThat(hasher.hash(fixture(pkg)).hex()).isEqualTo(expectedHash);
        assertThat(sigField(pkg, "package_hash")).isEqualTo(expectedHash);
    }

    @ParameterizedTest
    @ValueSource(strings = {"hello-world.pkg", "empty.pkg"})
    void signingThePackageHashGivesCloacinasSignatureByteForByte(String pkg) throws IOException {
        PackageHash hash = hasher.hash(fixture(pkg));
        byte[] expected = Base64.getDecoder().decode(sigField(pkg, "signature"));
        try (Ed25519PrivateKey key = privateKeys.read(Files.readAllBytes(fixture("rfc8032-test1.private.pem")))) {
            assertThat(signer.sign(key, SignedMessage.forPackage(hash)).bytes()).isEqualTo(expected);
            assertThat(signer.publicKeyOf(key).fingerprint().hex()).isEqualTo(sigField(pkg, "key_fingerprint"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"hello-world.pkg", "empty.pkg"})
    void cloacinasSignatureVerifies(String pkg) throws IOException {
        Ed25519Signature signature = new Ed25519Signature(Base64.getDecoder().decode(sigField(pkg, "signature")));
        assertThat(verifier.verify(cloacinaPublicKey(), SignedMessage.forPackage(hasher.hash(fixture(pkg))), signature))
                .isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "the 64 hex characters signed, fy8LZqxsA4p7ZIAvazoieU1Pcj71pHvUo3ARf+fxO8beXGgaRslq2cMZDL8cYJBRVU7Ei9GWftSMssxTUndbAg==",
            "the raw package bytes signed, LFSCOSoZfsCfozd3lY06C+T0lgr4XpeWpNgiyV7PcEo0/tMq22maiMDqh2ufuxfR29M291T9kge/wRLImqVPAg=="})
    void theWrongConstructionsInTheReadmeDoNotVerify(String construction, String base64) throws IOException {
        Ed25519Signature signature = new Ed25519Signature(Base64.getDecoder().decode(base64));
        Ed25519PublicKey key = cloacinaPublicKey();
        PackageHash hash = hasher.hash(fixture("hello-world.pkg"));

        assertThat(verifier.verify(key, SignedMessage.forPackage(hash), signature)).isFalse();
        // ...while they are genuine signatures of what they claim to sign, so the test cannot pass by accident.
        byte[] whatWasSigned = construction.contains("hex")
                ? hash.hex().getBytes(StandardCharsets.US_ASCII)
                : Files.readAllBytes(fixture("hello-world.pkg"));
        assertThat(verifier.verifyMessage(key, whatWasSigned, signature)).isTrue();
    }

    private Ed25519PublicKey cloacinaPublicKey() throws IOException {
        return codec.read(Files.readAllBytes(fixture("rfc8032-test1.public.crlf.pem")));
    }

    private static String sigField(String pkg, String field) throws IOException {
        return new ObjectMapper().readTree(fixture(pkg + ".sig").toFile()).path(field).asText();
    }
}
