package dev.signet.adapters.persistence.sigfile;

import java.util.Base64;

/**
 * Standard base64 as strictly as Rust's {@code base64::STANDARD} decoder reads it: alphabet A-Z a-z 0-9 + /,
 * padding with '=' to a multiple of four, zero trailing bits, nothing else (no whitespace, no line breaks).
 * Java's decoder alone is lax (it takes "QR==" and unpadded text), hence the explicit checks.
 */
final class CanonicalBase64 {
    private CanonicalBase64() {
    }

    /**
     * @throws IllegalArgumentException with a reason that reads after a field name ("must be ...")
     */
    static byte[] decode(String text, int expectedBytes) {
        int expectedLength = (expectedBytes + 2) / 3 * 4;
        requireAlphabet(text);
        if (text.length() != expectedLength) {
            throw new IllegalArgumentException("must be base64 of exactly " + expectedBytes + " bytes ("
                    + expectedLength + " characters with padding), got " + text.length() + " characters");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("is not valid base64 (" + Reasons.oneLine(e.getMessage()) + ")");
        }
        if (bytes.length != expectedBytes) {
            throw new IllegalArgumentException("must be base64 of exactly " + expectedBytes + " bytes, got "
                    + bytes.length + " bytes");
        }
        // Same length and alphabet, yet a different encoding: the padding is misplaced or the unused low
        // bits of the last character are not zero.
        if (!Base64.getEncoder().encodeToString(bytes).equals(text)) {
            throw new IllegalArgumentException("is not canonical base64 (wrong padding or non-zero trailing bits)");
        }
        return bytes;
    }

    /** Canonical base64 of any length (a timestamp token's). */
    static byte[] decodeAny(String text) {
        requireAlphabet(text);
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("is not valid base64 (" + Reasons.oneLine(e.getMessage()) + ")");
        }
        if (!Base64.getEncoder().encodeToString(bytes).equals(text)) {
            throw new IllegalArgumentException("is not canonical base64 (wrong padding or non-zero trailing bits)");
        }
        return bytes;
    }

    private static void requireAlphabet(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!isBase64Char(c) && c != '=') {
                throw new IllegalArgumentException("must be standard base64, found " + Reasons.describeChar(c)
                        + " at position " + i);
            }
        }
    }

    private static boolean isBase64Char(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/';
    }
}
