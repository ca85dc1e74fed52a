package dev.signet.domain.audit;

import dev.signet.domain.Hex;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;

/**
 * Keeps each text field of an audit event to a width that the durable record always has room for, whatever
 * the input: a package path of thousands of control characters (each six characters once escaped in the
 * record's JSON), an error message of a megabyte, a name with an unpaired surrogate. A value that does not fit,
 * or is not well-formed UTF-16, is recorded as its well-formed prefix, and the record says so:
 * {@code <field>_truncated: true} and {@code <field>_sha256}, the SHA-256 of the whole value as given (in UTF-8,
 * an unpaired surrogate counting as {@code ?}), so that the value can still be matched against the original.
 */
final class BoundedText {
    private BoundedText() {
    }

    static void put(Map<String, Object> fields, String name, String value) {
        String kept = prefixWithin(value, AuditPayload.MAX_FIELD_WIDTH);
        fields.put(name, kept);
        if (!kept.equals(value)) {
            fields.put(name + "_truncated", true);
            fields.put(name + "_sha256", sha256(value));
        }
    }

    /**
     * The longest prefix of {@code value} whose JSON form is at most {@code width} characters, with each
     * unpaired surrogate replaced by U+FFFD (a database could not store it as it is, so the hash over the
     * stored text would no longer hold), never cutting a surrogate pair in two.
     */
    private static String prefixWithin(String value, int width) {
        StringBuilder kept = new StringBuilder(Math.min(value.length(), width));
        int used = 0;
        int i = 0;
        while (i < value.length()) {
            char c = value.charAt(i);
            boolean pair = Character.isHighSurrogate(c) && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1));
            String unit = pair ? value.substring(i, i + 2)
                    : Character.isSurrogate(c) ? "\uFFFD" : String.valueOf(c);
            int cost = pair ? 2 : AuditPayload.escapedWidth(unit.charAt(0));
            if (used + cost > width) {
                break;
            }
            kept.append(unit);
            used += cost;
            i += pair ? 2 : 1;
        }
        return kept.toString();
    }

    private static String sha256(String value) {
        try {
            return Hex.encode(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }
}
