package dev.signet.adapters.crypto.soft;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.domain.key.Ed25519PrivateKey;
import dev.signet.domain.key.Ed25519PublicKey;
import dev.signet.domain.signature.Ed25519Signature;
import dev.signet.domain.signature.PackageHash;
import dev.signet.domain.signature.SignedMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keys, PEM and signatures exchanged with the openssl CLI (OpenSSL 3), in both directions. */
class OpenSslInteropTest {
    @TempDir
    static Path dir;

    private static byte[] opensslPrivatePem;
    private static byte[] opensslPublicPem;
    private static byte[] opensslSeed;

    private final Pkcs8PrivateKeyReader privateKeys = new Pkcs8PrivateKeyReader();
    private final PemPublicKeyCodec codec = new PemPublicKeyCodec();
    private final BouncyCastlePrivateKeySigner signer = new BouncyCastlePrivateKeySigner();
    private final BouncyCastleSignatureVerifier verifier = new BouncyCastleSignatureVerifier();

    @BeforeAll
    static void generateKeyWithOpenSsl() throws IOException {
        OpenSsl.run(dir, "genpkey", "-algorithm", "ed25519", "-out", "k.pem");
        opensslPrivatePem = Files.readAllBytes(dir.resolve("k.pem"));
        opensslPublicPem = OpenSsl.run(dir, "pkey", "-in", "k.pem", "-pubout");
        Files.write(dir.resolve("pub.pem"), opensslPublicPem);
        byte[] der = OpenSsl.run(dir, "pkey", "-in", "k.pem", "-outform", "DER");
        opensslSeed = Arrays.copyOfRange(der, der.length - 32, der.length);
    }

    @Test
    void readsOpensslsPrivateKey() {
        try (Ed25519PrivateKey key = privateKeys.read(opensslPrivatePem)) {
            assertThat(key.seed()).isEqualTo(opensslSeed);
        }
    }

    @Test
    void opensslsPubOutReadsToTheSamePublicKeyAsPublicKeyOf() {
        try (Ed25519PrivateKey key = privateKeys.read(opensslPrivatePem)) {
            assertThat(codec.read(opensslPublicPem)).isEqualTo(signer.publicKeyOf(key));
        }
    }

    @Test
    void toPemIsByteForByteOpensslsPubOut() {
        try (Ed25519PrivateKey key = privateKeys.read(opensslPrivatePem)) {
            assertThat(codec.toPem(signer.publicKeyOf(key)).getBytes(StandardCharsets.US_ASCII)).isEqualTo(opensslPublicPem);
        }
    }

    @Test
    void toPkcs8PemIsByteForByteWhatOpensslWritesAndOpensslReadsIt() throws IOException {
        byte[] written;
        try (Ed25519PrivateKey key = privateKeys.read(opensslPrivatePem)) {
            written = privateKeys.toPkcs8Pem(key);
        }
        assertThat(written).isEqualTo(opensslPrivatePem);

        Files.write(dir.resolve("written.pem"), written);
        assertThat(OpenSsl.run(dir, "pkey", "-in", "written.pem", "-pubout")).isEqualTo(opensslPublicPem);
    }

    @Test
    void aGeneratedKeyWrittenAsPkcs8IsAcceptedByOpenssl() throws IOException {
        try (Ed25519PrivateKey key = signer.generate()) {
            Files.write(dir.resolve("generated.pem"), privateKeys.toPkcs8Pem(key));
            byte[] pubout = OpenSsl.run(dir, "pkey", "-in", "generated.pem", "-pubout");
            assertThat(codec.read(pubout)).isEqualTo(signer.publicKeyOf(key));
        }
    }

    @Test
    void signaturesAreIdenticalToOpensslsAndVerifyBothWays() throws IOException {
        Path pkg = Files.write(dir.resolve("package.bin"), "some package bytes".getBytes(StandardCharsets.US_ASCII));
        // compat.md's recipe: the message is the 32 raw digest bytes.
        OpenSsl.run(dir, "dgst", "-sha256", "-binary", "-out", "digest.bin", "package.bin");
        PackageHash hash = new StreamingPackageHasher().hash(pkg);
        assertThat(Files.readAllBytes(dir.resolve("digest.bin"))).isEqualTo(hash.bytes());

        OpenSsl.run(dir, "pkeyutl", "-sign", "-inkey", "k.pem", "-rawin", "-in", "digest.bin", "-out", "openssl.sig");
        Ed25519Signature opensslSignature = new Ed25519Signature(Files.readAllBytes(dir.resolve("openssl.sig")));
        Ed25519PublicKey publicKey = codec.read(opensslPublicPem);
        assertThat(verifier.verify(publicKey, SignedMessage.forPackage(hash), opensslSignature)).isTrue();

        Ed25519Signature ours;
        try (Ed25519PrivateKey key = privateKeys.read(opensslPrivatePem)) {
            ours = signer.sign(key, SignedMessage.forPackage(hash));
        }
        assertThat(ours).isEqualTo(opensslSignature);
        Files.write(dir.resolve("ours.sig"), ours.bytes());
        OpenSsl.run(dir, "pkeyutl", "-verify", "-pubin", "-inkey", "pub.pem", "-rawin", "-in", "digest.bin",
                "-sigfile", "ours.sig");
    }
}
