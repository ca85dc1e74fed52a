package dev.signet.adapters.crypto.soft;

import static dev.signet.adapters.crypto.soft.Fixtures.hex;
import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.domain.key.Ed25519PrivateKey;
import dev.signet.domain.key.Ed25519PublicKey;
import dev.signet.domain.signature.Ed25519Signature;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** RFC 8032 section 7.1 tests 1 to 3: signing is deterministic and gives the published bytes. */
class Rfc8032VectorsTest {
    private final BouncyCastlePrivateKeySigner signer = new BouncyCastlePrivateKeySigner();
    private final BouncyCastleSignatureVerifier verifier = new BouncyCastleSignatureVerifier();

    static Stream<Arguments> vectors() {
        return Stream.of(
                Arguments.of("TEST 1 (empty message)", Fixtures.RFC8032_TEST1_SEED, Fixtures.RFC8032_TEST1_PUBLIC, "",
                        Fixtures.RFC8032_TEST1_SIGNATURE),
                Arguments.of("TEST 2 (one byte)",
                        "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
                        "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c", "72",
                        "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da"
                                + "085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00"),
                Arguments.of("TEST 3 (two bytes)",
                        "c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7",
                        "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025", "af82",
                        "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac"
                                + "18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void derivesThePublishedPublicKeyFromTheSeed(String name, String seed, String publicKey, String message, String signature) {
        try (Ed25519PrivateKey key = Ed25519PrivateKey.fromSeed(hex(seed))) {
            assertThat(signer.publicKeyOf(key).hex()).isEqualTo(publicKey);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void signsToThePublishedSignature(String name, String seed, String publicKey, String message, String signature) {
        try (Ed25519PrivateKey key = Ed25519PrivateKey.fromSeed(hex(seed))) {
            assertThat(signer.signMessage(key, hex(message)).bytes()).isEqualTo(hex(signature));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void acceptsThePublishedSignatureAndRejectsItForAnotherMessage(String name, String seed, String publicKey,
            String message, String signature) {
        Ed25519PublicKey key = Ed25519PublicKey.fromHex(publicKey);
        Ed25519Signature sig = new Ed25519Signature(hex(signature));
        assertThat(verifier.verifyMessage(key, hex(message), sig)).isTrue();
        assertThat(verifier.verifyMessage(key, hex(message + "00"), sig)).isFalse();
    }
}
