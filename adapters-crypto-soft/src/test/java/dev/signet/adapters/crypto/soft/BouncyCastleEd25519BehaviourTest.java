package dev.signet.adapters.crypto.soft;

import static dev.signet.adapters.crypto.soft.EdwardsEncodings.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Pins what Bouncy Castle 1.87 itself checks, which BouncyCastleSignatureVerifier relies on instead of
 * repeating. If an upgrade changes any of this, these fail and the verifier's decision must be revisited.
 */
class BouncyCastleEd25519BehaviourTest {

    static Stream<String> smallOrderEncodings() {
        return Stream.concat(EdwardsEncodings.SMALL_ORDER.stream(), EdwardsEncodings.SMALL_ORDER_NON_CANONICAL.stream());
    }

    @ParameterizedTest
    @MethodSource("smallOrderEncodings")
    void publicKeyParametersRefuseSmallOrderPoints(String encoding) {
        assertThatThrownBy(() -> new Ed25519PublicKeyParameters(hex(encoding)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void publicKeyParametersRefuseNonCanonicalEncodingsOfValidPoints() {
        // y = 3 is on the curve (of large order); y = p + 3 encodes the same point non-canonically.
        BigInteger y = BigInteger.valueOf(3);
        assertThat(Ed25519.validatePublicKeyPartial(EdwardsEncodings.encode(y, false), 0)).isTrue();
        assertThatThrownBy(() -> new Ed25519PublicKeyParameters(EdwardsEncodings.encode(y.add(EdwardsEncodings.P), false)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void publicKeyParametersRefusePointsNotOnTheCurve() {
        // y = 2 has no x on the curve.
        assertThatThrownBy(() -> new Ed25519PublicKeyParameters(EdwardsEncodings.encode(BigInteger.TWO, false)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void publicKeyParametersAcceptMixedOrderPointsOnlyFullValidationRefusesThem() {
        byte[] mixed = EdwardsEncodings.plusOrderTwoPoint(hex(Fixtures.RFC8032_TEST1_PUBLIC));
        assertThat(new Ed25519PublicKeyParameters(mixed).getEncoded()).isEqualTo(mixed);
        assertThat(Ed25519.validatePublicKeyPartial(mixed, 0)).isTrue();
        assertThat(Ed25519.validatePublicKeyFull(mixed, 0)).isFalse();
    }

    /**
     * A signer who signs with A + T2 (T2 of order 2) in place of A makes signatures whose check is off by
     * [k]T2. A cofactorless verifier accepts them only when k is even, about half the time; a cofactored
     * one always. Sixteen out of sixteen shows BC's verification is cofactored.
     */
    @Test
    void verificationIsCofactored() {
        byte[] seed = hex(Fixtures.RFC8032_TEST1_SEED);
        byte[] mixed = EdwardsEncodings.plusOrderTwoPoint(hex(Fixtures.RFC8032_TEST1_PUBLIC));
        for (int i = 0; i < 16; i++) {
            byte[] message = ("message " + i).getBytes(StandardCharsets.US_ASCII);
            byte[] signature = new byte[Ed25519.SIGNATURE_SIZE];
            Ed25519.sign(seed, 0, mixed, 0, message, 0, message.length, signature, 0);
            assertThat(Ed25519.verify(signature, 0, mixed, 0, message, 0, message.length)).as("message %d", i).isTrue();
        }
    }

    @Test
    void verificationRefusesANonCanonicalS() {
        byte[] signature = hex(Fixtures.RFC8032_TEST1_SIGNATURE);
        byte[] pk = hex(Fixtures.RFC8032_TEST1_PUBLIC);
        assertThat(Ed25519.verify(signature, 0, pk, 0, new byte[0], 0, 0)).isTrue();
        byte[] sPlusL = EdwardsEncodings.plusOrder(java.util.Arrays.copyOfRange(signature, 32, 64));
        System.arraycopy(sPlusL, 0, signature, 32, 32);
        assertThat(Ed25519.verify(signature, 0, pk, 0, new byte[0], 0, 0)).isFalse();
    }
}
