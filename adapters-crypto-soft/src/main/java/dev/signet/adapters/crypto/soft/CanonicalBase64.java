package dev.signet.adapters.crypto.soft;

import dev.signet.domain.key.MalformedKey;
import java.util.Arrays;
import java.util.Base64;

/**
 * Base64 that has exactly one spelling per value: padded to a multiple of four, no bits set after the last
 * byte. Java's decoder alone accepts "QQ" and "QR==" (compat.md), so the input is decoded, encoded again
 * and compared, the one check that catches every non-canonical form. Bytes in, bytes out, so that the
 * armour of a private key can be wiped.
 */
final class CanonicalBase64 {
    private CanonicalBase64() {
    }

    /** @param what names the key in messages, e.g. "public key" */
    static byte[] decode(byte[] base64, String what) {
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new MalformedKey(what + ": PEM body is not valid base64", e);
        }
        byte[] again = Base64.getEncoder().encode(decoded);
        try {
            if (!Arrays.equals(again, base64)) {
                Arrays.fill(decoded, (byte) 0);
                throw new MalformedKey(what + ": PEM body is not canonical base64 (padding or trailing bits)");
            }
            return decoded;
        } finally {
            Arrays.fill(again, (byte) 0);
        }
    }
}
