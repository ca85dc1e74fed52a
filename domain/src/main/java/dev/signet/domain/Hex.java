package dev.signet.domain;

import java.util.HexFormat;
import java.util.Locale;

/** Hexadecimal as Signet writes it (lowercase) and reads it (either case, nothing else). */
public final class Hex {
    private static final HexFormat LOWER = HexFormat.of();

    private Hex() {
    }

    public static String encode(byte[] bytes) {
        return LOWER.formatHex(bytes);
    }

    /**
     * Decodes exactly {@code expectedBytes} bytes.
     *
     * @throws IllegalArgumentException naming {@code what} when the text is not 2*expectedBytes hex digits
     */
    public static byte[] decode(String text, int expectedBytes, String what) {
        if (text == null) {
            throw new IllegalArgumentException(what + " is missing");
        }
        if (text.length() != expectedBytes * 2) {
            throw new IllegalArgumentException(what + " must be " + expectedBytes * 2
                    + " hex characters, got " + text.length());
        }
        for (int i = 0; i < text.length(); i++) {
            if (!isAsciiHexDigit(text.charAt(i))) {
                throw new IllegalArgumentException(what + " has a non-hex character at position " + i);
            }
        }
        return LOWER.parseHex(text.toLowerCase(Locale.ROOT));
    }

    private static boolean isAsciiHexDigit(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    /** The first characters of a hex string, for messages that should stay one line. */
    public static String abbreviate(String hex) {
        return hex.length() <= 12 ? hex : hex.substring(0, 12) + "...";
    }
}
