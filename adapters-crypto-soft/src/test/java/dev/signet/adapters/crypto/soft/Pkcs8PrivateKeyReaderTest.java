package dev.signet.adapters.crypto.soft;

import static dev.signet.adapters.crypto.soft.Fixtures.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signet.domain.key.Ed25519PrivateKey;
import dev.signet.domain.key.MalformedKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class Pkcs8PrivateKeyReaderTest {
    private static final byte[] SEED = hex(Fixtures.RFC8032_TEST1_SEED);
    private static final byte[] PUBLIC = hex(Fixtures.RFC8032_TEST1_PUBLIC);
    /** What openssl writes for the RFC 8032 test 1 key (the same bytes as shared/testdata/cloacina). */
    private static final String RFC_KEY_PEM = "-----BEGIN PRIVATE KEY-----\n"
            + "MC4CAQAwBQYDK2VwBCIEIJ1hsZ3v/VpguoRK9JLsLMREScVpezJpGXA7rAMcrn9g\n"
            + "-----END PRIVATE KEY-----\n";

    @TempDir
    static Path dir;

    private static byte[] encrypted;
    private static byte[] ed448;
    private static byte[] rsa;
    private static byte[] ec;
    private static byte[] publicKeyPem;

    private final Pkcs8PrivateKeyReader reader = new Pkcs8PrivateKeyReader();

    @BeforeAll
    static void makeKeysWithOpenSsl() throws IOException {
        Files.writeString(dir.resolve("k.pem"), RFC_KEY_PEM);
        encrypted = OpenSsl.run(dir, "pkcs8", "-topk8", "-in", "k.pem", "-v2", "aes-256-cbc", "-passout", "pass:x");
        publicKeyPem = OpenSsl.run(dir, "pkey", "-in", "k.pem", "-pubout");
        ed448 = OpenSsl.run(dir, "genpkey", "-algorithm", "ed448");
        rsa = OpenSsl.run(dir, "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:1024");
        ec = OpenSsl.run(dir, "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256");
    }

    @Test
    void readsTheRfc8410FormOpensslWrites() {
        try (Ed25519PrivateKey key = reader.read(ascii(RFC_KEY_PEM))) {
            assertThat(key.seed()).isEqualTo(SEED);
        }
    }

    @Test
    void readsCrlfAndSurroundingWhitespace() {
        try (Ed25519PrivateKey key = reader.read(ascii("\r\n  " + RFC_KEY_PEM.replace("\n", "\r\n") + "\n\n"))) {
            assertThat(key.seed()).isEqualTo(SEED);
        }
    }

    @Test
    void readsVersion2WithItsOwnPublicKeyAttached() throws IOException {
        byte[] der = new PrivateKeyInfo(ed25519(), new DEROctetString(SEED), null, PUBLIC).getEncoded();
        assertThat(der[4]).as("version 1, i.e. v2 OneAsymmetricKey").isEqualTo((byte) 1);

        try (Ed25519PrivateKey key = reader.read(Pem.encode("PRIVATE KEY", der))) {
            assertThat(key.seed()).isEqualTo(SEED);
        }
    }

    @Test
    void toPkcs8PemWritesWhatOpensslWrites() {
        try (Ed25519PrivateKey key = Ed25519PrivateKey.fromSeed(SEED)) {
            assertThat(new String(reader.toPkcs8Pem(key), StandardCharsets.US_ASCII)).isEqualTo(RFC_KEY_PEM);
        }
    }

    @Test
    void toPkcs8PemThenReadIsTheIdentity() {
        try (Ed25519PrivateKey key = new BouncyCastlePrivateKeySigner().generate();
                Ed25519PrivateKey again = reader.read(reader.toPkcs8Pem(key))) {
            assertThat(again.seed()).isEqualTo(key.seed());
        }
    }

    static Stream<Arguments> malformed() {
        byte[] v1 = concat(Pkcs8PrivateKeyReader.V1_PREFIX, SEED);
        return Stream.of(
                rejected("empty input", () -> new byte[0], "empty"),
                rejected("encrypted PKCS#8", () -> encrypted, "encrypted private keys are not supported"),
                rejected("a public key", () -> publicKeyPem, "found \"PUBLIC KEY\""),
                rejected("raw seed hex", () -> ascii(Fixtures.RFC8032_TEST1_SEED), "not a PEM block"),
                rejected("Ed448", () -> ed448, "not an Ed25519 key but Ed448 (OID 1.3.101.113)"),
                rejected("RSA", () -> rsa, "not an Ed25519 key but RSA"),
                rejected("EC P-256", () -> ec, "not an Ed25519 key but EC"),
                rejected("31-byte seed", () -> pem(der(new DEROctetString(Arrays.copyOf(SEED, 31)), ed25519(), null)),
                        "OCTET STRING of 32 bytes"),
                rejected("33-byte seed", () -> pem(der(new DEROctetString(concat(SEED, new byte[1])), ed25519(), null)),
                        "OCTET STRING of 32 bytes"),
                rejected("truncated DER", () -> pem(Arrays.copyOf(v1, v1.length - 1)), "not a DER PKCS#8"),
                rejected("trailing data after the DER", () -> pem(concat(v1, new byte[] {0})), "not a DER PKCS#8"),
                rejected("BER long-form length", () -> pem(berLongFormLength(v1)), "not in DER form"),
                rejected("algorithm parameters present",
                        () -> pem(der(new DEROctetString(SEED), new AlgorithmIdentifier(KeyAlgorithms.ED25519, DERNull.INSTANCE), null)),
                        "no algorithm parameters"),
                rejected("attached public key of another key",
                        () -> pem(der(new DEROctetString(SEED), ed25519(), hex(EdwardsEncodings.SMALL_ORDER.get(4)))),
                        "does not belong to it"),
                rejected("bad base64", () -> ascii(RFC_KEY_PEM.replace("MC4C", "MC4*")), "not base64"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void refusesWithAOneLineMessageThatNeverQuotesTheKey(String what, Supplier<byte[]> input, String expectedFragment) {
        byte[] bytes = input.get();
        assertThatThrownBy(() -> reader.read(bytes))
                .isInstanceOf(MalformedKey.class)
                .hasMessageContaining(expectedFragment)
                .satisfies(e -> assertThat(e.getMessage())
                        .doesNotContain("\n", "\r")
                        .doesNotContainIgnoringCase(Fixtures.RFC8032_TEST1_SEED)
                        .doesNotContain(Base64.getEncoder().encodeToString(SEED).substring(0, 20))
                        .doesNotContain("MC4CAQAwBQYDK2VwBCIEIJ1h"));
    }

    private static Arguments rejected(String what, Supplier<byte[]> input, String expectedFragment) {
        return Arguments.of(what, input, expectedFragment);
    }

    private static AlgorithmIdentifier ed25519() {
        return new AlgorithmIdentifier(KeyAlgorithms.ED25519);
    }

    /** A PrivateKeyInfo whose privateKey field holds {@code inner}, DER-encoded. */
    private static byte[] der(DEROctetString inner, AlgorithmIdentifier algorithm, byte[] publicKey) {
        try {
            return new PrivateKeyInfo(algorithm, inner, null, publicKey).getEncoded("DER");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The same SEQUENCE with its length written in long form (81 2e), legal BER but not DER. */
    private static byte[] berLongFormLength(byte[] der) {
        byte[] out = new byte[der.length + 1];
        out[0] = 0x30;
        out[1] = (byte) 0x81;
        System.arraycopy(der, 1, out, 2, der.length - 1);
        return out;
    }

    private static byte[] pem(byte[] der) {
        return Pem.encode("PRIVATE KEY", der);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
