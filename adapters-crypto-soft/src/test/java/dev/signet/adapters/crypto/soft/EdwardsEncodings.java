package dev.signet.adapters.crypto.soft;

import java.math.BigInteger;
import java.util.HexFormat;
import java.util.List;

/** Hand-made Ed25519 point encodings for the edge cases: small order, non-canonical, mixed order. */
final class EdwardsEncodings {
    static final BigInteger P = BigInteger.TWO.pow(255).subtract(BigInteger.valueOf(19));
    static final BigInteger L = BigInteger.TWO.pow(252).add(new BigInteger("27742317777372353535851937790883648493"));

    /** Every point of order 1, 2, 4 or 8, canonically encoded. */
    static final List<String> SMALL_ORDER = List.of(
            "0100000000000000000000000000000000000000000000000000000000000000", // identity
            "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f", // order 2
            "0000000000000000000000000000000000000000000000000000000000000000", // order 4
            "0000000000000000000000000000000000000000000000000000000000000080", // order 4
            "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a", // order 8
            "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa", // order 8
            "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05", // order 8
            "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc85"); // order 8

    /** Small-order points again, but in encodings RFC 8032 forbids (y >= p, or x = 0 with the sign bit set). */
    static final List<String> SMALL_ORDER_NON_CANONICAL = List.of(
            "0100000000000000000000000000000000000000000000000000000000000080", // identity, "negative zero" x
            "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff", // order 2, "negative zero" x
            "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f", // y = p + 1
            "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
            "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f", // y = p
            "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff");

    private EdwardsEncodings() {
    }

    /** Little-endian y with the sign of x in the top bit; y may be >= p to make a non-canonical encoding. */
    static byte[] encode(BigInteger y, boolean xNegative) {
        byte[] bigEndian = y.toByteArray();
        byte[] encoded = new byte[32];
        for (int i = 0; i < Math.min(32, bigEndian.length); i++) {
            encoded[i] = bigEndian[bigEndian.length - 1 - i];
        }
        if (xNegative) {
            encoded[31] |= (byte) 0x80;
        }
        return encoded;
    }

    static BigInteger y(byte[] encoded) {
        byte[] bigEndian = new byte[32];
        for (int i = 0; i < 32; i++) {
            bigEndian[i] = encoded[31 - i];
        }
        bigEndian[0] &= 0x7f;
        return new BigInteger(1, bigEndian);
    }

    /**
     * A + (0, -1): the point plus the torsion point of order 2, which is (-x, -y). The result has order 2L:
     * a valid-looking key outside the prime-order subgroup.
     */
    static byte[] plusOrderTwoPoint(byte[] encoded) {
        boolean xNegative = (encoded[31] & 0x80) != 0;
        return encode(P.subtract(y(encoded)), !xNegative);
    }

    /** A 32-byte little-endian scalar plus L (still < 2^256 for any canonical scalar). */
    static byte[] plusOrder(byte[] scalar) {
        byte[] bigEndian = new byte[32];
        for (int i = 0; i < 32; i++) {
            bigEndian[i] = scalar[31 - i];
        }
        return encode(new BigInteger(1, bigEndian).add(L), false);
    }

    static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex);
    }
}
