package dev.signet.adapters.crypto.soft;

import dev.signet.domain.key.MalformedKey;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * Strict PEM (RFC 7468) over bytes. Accepts what OpenSSL and Cloacina write: one block, LF or CRLF line
 * ends, any line length, whitespace around the block. Rejects everything a lax parser would guess at:
 * text before or after the block, headers, blank lines, a mismatched END line, and non-canonical base64.
 * Works on byte arrays rather than Strings so that the armour of a private key can be wiped.
 */
final class Pem {
    private static final String BEGIN = "-----BEGIN ";
    private static final String END = "-----END ";
    private static final String DASHES = "-----";
    private static final int LINE_LENGTH = 64;

    private Pem() {
    }

    /** Whether the input, after leading whitespace, starts like a PEM block. */
    static boolean looksLikePem(byte[] text) {
        return Ascii.startsWith(text, Ascii.firstNonWhitespace(text), DASHES);
    }

    /**
     * Reads the single block in {@code text}, which must carry {@code expectedLabel}.
     *
     * @param what names the key in messages, e.g. "public key"
     * @throws MalformedKey saying what is wrong, never quoting the body
     */
    static PemBlock parse(byte[] text, String expectedLabel, String what) {
        List<int[]> lines = lines(text, what);
        String label = beginLabel(text, lines.get(0), what);
        if (!label.equals(expectedLabel)) {
            throw new MalformedKey(PemLabels.mismatch(what, expectedLabel, label));
        }
        int[] last = lines.get(lines.size() - 1);
        List<int[]> middle = lines.subList(1, Math.max(1, lines.size() - 1));
        if (middle.stream().anyMatch(line -> Ascii.startsWith(text, line[0], END))) {
            throw new MalformedKey(what + ": text after the PEM END line");
        }
        if (!matches(text, last, END + label + DASHES)) {
            throw new MalformedKey(what + ": " + (lines.size() > 1 && Ascii.startsWith(text, last[0], END)
                    ? "the PEM END line does not match \"" + BEGIN + label + DASHES + "\""
                    : "PEM block has no \"" + END + label + DASHES + "\" line"));
        }
        if (lines.size() < 3) {
            throw new MalformedKey(what + ": PEM block is empty");
        }
        byte[] base64 = body(text, lines.subList(1, lines.size() - 1), what);
        try {
            return new PemBlock(label, CanonicalBase64.decode(base64, what));
        } finally {
            Arrays.fill(base64, (byte) 0);
        }
    }

    /** The block as OpenSSL writes it: LF line ends, 64 base64 characters a line, a final LF. */
    static byte[] encode(String label, byte[] der) {
        byte[] header = (BEGIN + label + DASHES + "\n").getBytes(StandardCharsets.US_ASCII);
        byte[] footer = (END + label + DASHES + "\n").getBytes(StandardCharsets.US_ASCII);
        byte[] base64 = Base64.getEncoder().encode(der);
        try {
            int lineCount = (base64.length + LINE_LENGTH - 1) / LINE_LENGTH;
            byte[] out = new byte[header.length + base64.length + lineCount + footer.length];
            System.arraycopy(header, 0, out, 0, header.length);
            int at = header.length;
            for (int from = 0; from < base64.length; from += LINE_LENGTH) {
                int n = Math.min(LINE_LENGTH, base64.length - from);
                System.arraycopy(base64, from, out, at, n);
                at += n;
                out[at++] = '\n';
            }
            System.arraycopy(footer, 0, out, at, footer.length);
            return out;
        } finally {
            Arrays.fill(base64, (byte) 0);
        }
    }

    /** [start, end) of each line of the trimmed input, without its LF or CRLF. */
    private static List<int[]> lines(byte[] text, String what) {
        int start = Ascii.firstNonWhitespace(text);
        int end = Ascii.endOfNonWhitespace(text, start);
        if (start == end) {
            throw new MalformedKey(what + " is empty");
        }
        List<int[]> lines = new ArrayList<>();
        int lineStart = start;
        for (int i = start; i <= end; i++) {
            if (i == end || text[i] == '\n') {
                int lineEnd = i > lineStart && text[i - 1] == '\r' ? i - 1 : i;
                lines.add(new int[] {lineStart, lineEnd});
                lineStart = i + 1;
            }
        }
        return lines;
    }

    private static String beginLabel(byte[] text, int[] line, String what) {
        int length = line[1] - line[0];
        boolean framed = Ascii.startsWith(text, line[0], BEGIN) && length > BEGIN.length() + DASHES.length()
                && Ascii.startsWith(text, line[1] - DASHES.length(), DASHES);
        if (!framed) {
            throw new MalformedKey(what + ": not a PEM block (no \"" + BEGIN + "...-----\" first line)");
        }
        int labelStart = line[0] + BEGIN.length();
        int labelEnd = line[1] - DASHES.length();
        for (int i = labelStart; i < labelEnd; i++) {
            byte b = text[i];
            if (!(b == ' ' || b == '-' || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9') || (b >= 'a' && b <= 'z'))) {
                throw new MalformedKey(what + ": PEM BEGIN line has an invalid label");
            }
        }
        return new String(text, labelStart, labelEnd - labelStart, StandardCharsets.US_ASCII);
    }

    private static boolean matches(byte[] text, int[] line, String expected) {
        return line[1] - line[0] == expected.length() && Ascii.startsWith(text, line[0], expected);
    }

    /** The body lines joined, after checking that each holds base64 characters only. */
    private static byte[] body(byte[] text, List<int[]> lines, String what) {
        int total = lines.stream().mapToInt(line -> line[1] - line[0]).sum();
        byte[] base64 = new byte[total];
        int at = 0;
        for (int n = 0; n < lines.size(); n++) {
            int[] line = lines.get(n);
            if (line[0] == line[1]) {
                Arrays.fill(base64, (byte) 0);
                throw new MalformedKey(what + ": blank line inside the PEM block");
            }
            for (int i = line[0]; i < line[1]; i++) {
                if (!isBase64Character(text[i])) {
                    Arrays.fill(base64, (byte) 0);
                    throw new MalformedKey(what + ": PEM body line " + (n + 1) + " has a character that is not base64");
                }
                base64[at++] = text[i];
            }
        }
        return base64;
    }

    private static boolean isBase64Character(byte b) {
        return (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9')
                || b == '+' || b == '/' || b == '=';
    }
}
