package dev.signet.adapters.crypto.soft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signet.domain.key.Ed25519PublicKey;
import dev.signet.domain.key.MalformedKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PemPublicKeyCodecTest {
    private static final String KEY_HEX = Fixtures.RFC8032_TEST1_PUBLIC;
    private static final byte[] KEY = Fixtures.hex(KEY_HEX);
    private static final String PEM_LF = "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=\n-----END PUBLIC KEY-----\n";

    @TempDir
    static Path dir;

    private static String privateSeedHex;
    private static byte[] ed448Public;
    private static byte[] rsaPublic;
    private static byte[] ecPublic;
    private static byte[] certificate;
    private static byte[] ed25519Private;
    private static byte[] encryptedPrivate;

    private final PemPublicKeyCodec codec = new PemPublicKeyCodec();

    @BeforeAll
    static void makeForeignKeysWithOpenSsl() throws IOException {
        OpenSsl.run(dir, "genpkey", "-algorithm", "ed25519", "-out", "k.pem");
        ed25519Private = Files.readAllBytes(dir.resolve("k.pem"));
        byte[] der = OpenSsl.run(dir, "pkey", "-in", "k.pem", "-outform", "DER");
        privateSeedHex = HexFormat.of().formatHex(Arrays.copyOfRange(der, der.length - 32, der.length));
        OpenSsl.run(dir, "genpkey", "-algorithm", "ed448", "-out", "ed448.pem");
        ed448Public = OpenSsl.run(dir, "pkey", "-in", "ed448.pem", "-pubout");
        OpenSsl.run(dir, "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:1024", "-out", "rsa.pem");
        rsaPublic = OpenSsl.run(dir, "pkey", "-in", "rsa.pem", "-pubout");
        OpenSsl.run(dir, "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "ec.pem");
        ecPublic = OpenSsl.run(dir, "pkey", "-in", "ec.pem", "-pubout");
        certificate = OpenSsl.run(dir, "req", "-x509", "-new", "-key", "k.pem", "-subj", "/CN=x", "-days", "1");
        encryptedPrivate = OpenSsl.run(dir, "pkcs8", "-topk8", "-in", "k.pem", "-v2", "aes-256-cbc", "-passout", "pass:x");
    }

    // ---- what it accepts ----

    static Stream<Arguments> acceptedForms() {
        String crlf = PEM_LF.replace("\n", "\r\n");
        return Stream.of(
                Arguments.of("PEM, LF", PEM_LF),
                Arguments.of("PEM, CRLF (Cloacina)", crlf),
                Arguments.of("PEM, no final newline", PEM_LF.strip()),
                Arguments.of("PEM, surrounding whitespace", "\n\n  \t" + PEM_LF + "\r\n \n"),
                Arguments.of("PEM, body split over short lines", PEM_LF.replace("MCowBQYDK2Vw", "MCowBQYDK2Vw\n")),
                Arguments.of("hex, lowercase", KEY_HEX),
                Arguments.of("hex, uppercase", KEY_HEX.toUpperCase(Locale.ROOT)),
                Arguments.of("hex, trailing newline", KEY_HEX + "\n"),
                Arguments.of("hex, surrounding whitespace and CRLF", "  \t" + KEY_HEX + "\r\n"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("acceptedForms")
    void readsEachAcceptedTextForm(String form, String text) {
        assertThat(codec.read(text.getBytes(StandardCharsets.US_ASCII)).hex()).isEqualTo(KEY_HEX);
    }

    @Test
    void readsThirtyTwoRawBytes() {
        assertThat(codec.read(KEY.clone()).hex()).isEqualTo(KEY_HEX);
    }

    @Test
    void toPemIsOpensslsLayout() {
        assertThat(codec.toPem(new Ed25519PublicKey(KEY))).isEqualTo(PEM_LF);
    }

    @Test
    void toPemThenReadIsTheIdentity() {
        try (var key = new BouncyCastlePrivateKeySigner().generate()) {
            Ed25519PublicKey publicKey = new BouncyCastlePrivateKeySigner().publicKeyOf(key);
            assertThat(codec.read(codec.toPem(publicKey).getBytes(StandardCharsets.US_ASCII))).isEqualTo(publicKey);
        }
    }

    // ---- what it refuses ----

    static Stream<Arguments> malformed() {
        byte[] spki = Spki.encode(KEY);
        return Stream.of(
                rejected("empty input", () -> new byte[0], "empty"),
                rejected("whitespace only", () -> ascii(" \n\t\r\n"), "empty"),
                rejected("Ed448 SPKI (wrong OID)", () -> ed448Public, "Ed448 (OID 1.3.101.113)"),
                rejected("RSA key", () -> rsaPublic, "RSA (OID 1.2.840.113549.1.1.1)"),
                rejected("EC P-256 key", () -> ecPublic, "EC (OID 1.2.840.10045.2.1)"),
                rejected("certificate PEM", () -> certificate, "found \"CERTIFICATE\""),
                rejected("a PKCS#8 private key", () -> ed25519Private, "that is a private key"),
                rejected("an encrypted PKCS#8 private key", () -> encryptedPrivate, "found \"ENCRYPTED PRIVATE KEY\""),
                rejected("trailing data after the SPKI", () -> pem("PUBLIC KEY", concat(spki, new byte[] {0})),
                        "1 bytes of trailing data"),
                rejected("truncated SPKI", () -> pem("PUBLIC KEY", Arrays.copyOf(spki, 43)), "truncated"),
                rejected("SPKI with NULL parameters", () -> pem("PUBLIC KEY", spkiWithNullParameters()),
                        "no algorithm parameters"),
                rejected("not DER at all", () -> pem("PUBLIC KEY", ascii("hello, world")), "not a DER"),
                rejected("31 raw bytes", () -> Arrays.copyOf(binary(), 31), "31 bytes of binary data"),
                rejected("33 raw bytes", () -> Arrays.copyOf(binary(), 33), "33 bytes of binary data"),
                rejected("63 hex characters", () -> ascii(KEY_HEX.substring(1)), "64 hex characters, got 63"),
                rejected("65 hex characters", () -> ascii(KEY_HEX + "0"), "64 hex characters, got 65"),
                rejected("32 hex characters (half a key, not raw bytes)", () -> ascii(KEY_HEX.substring(32)),
                        "64 hex characters, got 32"),
                rejected("a non-hex character", () -> ascii(KEY_HEX.substring(0, 10) + "g" + KEY_HEX.substring(11)),
                        "non-hex character at position 10"),
                rejected("0x prefix", () -> ascii("0x" + KEY_HEX), "not a PEM"),
                rejected("base64 of the raw key", () -> ascii(Base64.getEncoder().encodeToString(KEY)), "not a PEM"),
                rejected("bad base64 character in PEM", () -> ascii(PEM_LF.replace("MCow", "MC*w")), "not base64"),
                rejected("base64 without padding in PEM", () -> ascii(PEM_LF.replace("URo=", "URo")), "base64"),
                rejected("base64 with non-zero trailing bits in PEM", () -> ascii(PEM_LF.replace("URo=", "URp=")),
                        "not canonical base64"),
                rejected("padding in the middle of the PEM body", () -> ascii(PEM_LF.replace("MCow", "MC==")), "base64"),
                rejected("blank line inside the PEM body", () -> ascii(PEM_LF.replace("MCowBQYDK2Vw", "MCowBQYDK2Vw\n\n")),
                        "blank line"),
                rejected("PEM header line", () -> ascii(PEM_LF.replace("-----\nMCow", "-----\nComment: x\nMCow")),
                        "not base64"),
                rejected("END label differs", () -> ascii(PEM_LF.replace("END PUBLIC KEY", "END PRIVATE KEY")),
                        "the PEM END line does not match"),
                rejected("text after the END line", () -> ascii(PEM_LF + "trailing words\n"), "text after the PEM END line"),
                rejected("two PEM blocks", () -> ascii(PEM_LF + PEM_LF), "text after the PEM END line"),
                rejected("text before the BEGIN line", () -> ascii("my key:\n" + PEM_LF), "not a PEM"),
                rejected("BEGIN line only", () -> ascii("-----BEGIN PUBLIC KEY-----\n"), "no \"-----END"),
                rejected("empty PEM block", () -> ascii("-----BEGIN PUBLIC KEY-----\n-----END PUBLIC KEY-----\n"),
                        "PEM block is empty"),
                rejected("small-order key as hex", () -> ascii(EdwardsEncodings.SMALL_ORDER.get(0)), "small order"),
                rejected("small-order key in PEM", () -> pem("PUBLIC KEY", Spki.encode(Fixtures.hex(EdwardsEncodings.SMALL_ORDER.get(4)))),
                        "small order"),
                rejected("non-canonical key encoding", () -> EdwardsEncodings.encode(
                        java.math.BigInteger.valueOf(3).add(EdwardsEncodings.P), false), "not canonically encoded"),
                rejected("point not on the curve", () -> EdwardsEncodings.encode(java.math.BigInteger.TWO, false),
                        "not on the curve"),
                rejected("mixed-order key (a key plus a torsion point)", () -> EdwardsEncodings.plusOrderTwoPoint(KEY),
                        "prime-order subgroup"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void refusesWithAOneLineMessageThatLeaksNoKey(String what, Supplier<byte[]> input, String expectedFragment) {
        byte[] bytes = input.get();
        assertThatThrownBy(() -> codec.read(bytes))
                .isInstanceOf(MalformedKey.class)
                .hasMessageContaining(expectedFragment)
                .satisfies(e -> assertThat(e.getMessage())
                        .doesNotContain("\n", "\r")
                        .doesNotContainIgnoringCase(privateSeedHex));
    }

    private static Arguments rejected(String what, Supplier<byte[]> input, String expectedFragment) {
        return Arguments.of(what, input, expectedFragment);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /** Bytes that are not text, so they are taken as a raw key. */
    private static byte[] binary() {
        byte[] bytes = new byte[40];
        Arrays.fill(bytes, (byte) 0x80);
        return bytes;
    }

    private static byte[] pem(String label, byte[] der) {
        return Pem.encode(label, der);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static byte[] spkiWithNullParameters() {
        try {
            return new SubjectPublicKeyInfo(new AlgorithmIdentifier(KeyAlgorithms.ED25519, DERNull.INSTANCE),
                    new DERBitString(KEY)).getEncoded();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
