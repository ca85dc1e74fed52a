package dev.signet.adapters.crypto.soft;

import static dev.signet.adapters.crypto.soft.EdwardsEncodings.hex;
import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.domain.key.Ed25519PublicKey;
import dev.signet.domain.signature.Ed25519Signature;
import dev.signet.domain.signature.PackageHash;
import dev.signet.domain.signature.SignedMessage;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class BouncyCastleSignatureVerifierTest {
    private final BouncyCastleSignatureVerifier verifier = new BouncyCastleSignatureVerifier();
    private final BouncyCastlePrivateKeySigner signer = new BouncyCastlePrivateKeySigner();

    static Stream<String> smallOrderKeys() {
        return Stream.concat(EdwardsEncodings.SMALL_ORDER.stream(), EdwardsEncodings.SMALL_ORDER_NON_CANONICAL.stream());
    }

    /**
     * With a small-order key A, [k]A vanishes under cofactored verification, so R = identity, S = 0 would
     * "verify" for every message. Such keys must be refused.
     */
    @ParameterizedTest
    @MethodSource("smallOrderKeys")
    void smallOrderKeysAreRejectedSoTheUniversalForgeryFails(String key) {
        byte[] identityAndZero = new byte[64];
        identityAndZero[0] = 1;
        byte[] keyAndZero = Arrays.copyOf(hex(key), 64);
        Ed25519PublicKey publicKey = new Ed25519PublicKey(hex(key));
        for (byte[] forged : new byte[][] {identityAndZero, keyAndZero}) {
            assertThat(verifier.verifyMessage(publicKey, "any message".getBytes(), new Ed25519Signature(forged))).isFalse();
            assertThat(verifier.verify(publicKey, message(new byte[32]), new Ed25519Signature(forged))).isFalse();
        }
    }

    @Test
    void aNonCanonicalSIsRejected() {
        byte[] signature = hex(Fixtures.RFC8032_TEST1_SIGNATURE);
        byte[] sPlusL = EdwardsEncodings.plusOrder(Arrays.copyOfRange(signature, 32, 64));
        System.arraycopy(sPlusL, 0, signature, 32, 32);
        assertThat(verifier.verifyMessage(Ed25519PublicKey.fromHex(Fixtures.RFC8032_TEST1_PUBLIC), new byte[0],
                new Ed25519Signature(signature))).isFalse();
    }

    @Test
    void aKeyThatIsNotOnTheCurveIsFalseNotAnException() {
        Ed25519PublicKey offCurve = new Ed25519PublicKey(EdwardsEncodings.encode(java.math.BigInteger.TWO, false));
        assertThat(verifier.verifyMessage(offCurve, new byte[0], new Ed25519Signature(hex(Fixtures.RFC8032_TEST1_SIGNATURE))))
                .isFalse();
    }

    @Test
    void thePortVerifiesTheThirtyTwoDigestBytes() throws Exception {
        try (var key = signer.generate()) {
            PackageHash hash = new PackageHash(MessageDigest.getInstance("SHA-256").digest("package".getBytes()));
            Ed25519Signature signature = signer.sign(key, SignedMessage.forPackage(hash));
            Ed25519PublicKey publicKey = signer.publicKeyOf(key);

            assertThat(verifier.verify(publicKey, SignedMessage.forPackage(hash), signature)).isTrue();
            assertThat(verifier.verifyMessage(publicKey, hash.bytes(), signature)).isTrue();
            assertThat(verifier.verifyMessage(publicKey, hash.hex().getBytes(), signature)).isFalse();
        }
    }

    @Test
    void anyFlippedBitInSignatureKeyOrMessageIsRejected() {
        try (var key = signer.generate()) {
            byte[] message = new byte[32];
            Ed25519Signature signature = signer.sign(key, message(message));
            byte[] publicKey = signer.publicKeyOf(key).bytes();
            for (int bit = 0; bit < 512; bit++) {
                byte[] bad = signature.bytes();
                bad[bit / 8] ^= (byte) (1 << (bit % 8));
                assertThat(verifier.verify(new Ed25519PublicKey(publicKey), message(message), new Ed25519Signature(bad)))
                        .as("signature bit %d", bit).isFalse();
            }
            for (int bit = 0; bit < 256; bit++) {
                byte[] badKey = publicKey.clone();
                badKey[bit / 8] ^= (byte) (1 << (bit % 8));
                byte[] badMessage = message.clone();
                badMessage[bit / 8] ^= (byte) (1 << (bit % 8));
                assertThat(verifier.verify(new Ed25519PublicKey(badKey), message(message), signature))
                        .as("key bit %d", bit).isFalse();
                assertThat(verifier.verify(new Ed25519PublicKey(publicKey), message(badMessage), signature))
                        .as("message bit %d", bit).isFalse();
            }
        }
    }

    private static SignedMessage message(byte[] digest) {
        return SignedMessage.forPackage(new PackageHash(digest));
    }
}
