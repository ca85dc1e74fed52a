package dev.signet.adapters.crypto.soft;

/**
 * Byte-level text checks for key material. Key files are read as bytes, not Strings, so that copies of
 * private key text can be wiped; and every format accepted here is ASCII.
 */
final class Ascii {
    private Ascii() {
    }

    static boolean isWhitespace(byte b) {
        return b == ' ' || b == '\t' || b == '\r' || b == '\n';
    }

    /** Printable ASCII or whitespace only: what PEM and hex input look like, and random bytes almost never do. */
    static boolean isText(byte[] bytes) {
        for (byte b : bytes) {
            if (!(isWhitespace(b) || (b >= 0x20 && b <= 0x7e))) {
                return false;
            }
        }
        return true;
    }

    static boolean isHexDigit(byte b) {
        return (b >= '0' && b <= '9') || (b >= 'a' && b <= 'f') || (b >= 'A' && b <= 'F');
    }

    /** Index of the first non-whitespace byte, or {@code bytes.length} when there is none. */
    static int firstNonWhitespace(byte[] bytes) {
        int i = 0;
        while (i < bytes.length && isWhitespace(bytes[i])) {
            i++;
        }
        return i;
    }

    /** One past the index of the last non-whitespace byte at or after {@code from}. */
    static int endOfNonWhitespace(byte[] bytes, int from) {
        int end = bytes.length;
        while (end > from && isWhitespace(bytes[end - 1])) {
            end--;
        }
        return end;
    }

    static boolean startsWith(byte[] bytes, int offset, String prefix) {
        if (bytes.length - offset < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (bytes[offset + i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
