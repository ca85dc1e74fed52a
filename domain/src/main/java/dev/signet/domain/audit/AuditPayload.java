package dev.signet.domain.audit;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An event's fields as one canonical JSON object: event_type first, then the event's fields in their order, then
 * its origin's ({@code actor_kind}, {@code actor_id}, and for a request {@code client_address}, {@code request_id}).
 * Records written before the origin was recorded have none of the origin's fields; they verify as they are.
 */
public final class AuditPayload {
    /**
     * The widest any one text field of an event is in the payload, escapes included, in UTF-16 units (as H2
     * counts a VARCHAR's width; PostgreSQL counts code points, never more). Longer values are cut to fit and
     * marked ({@link BoundedText}), so that no input makes an event too large for the record's column.
     */
    public static final int MAX_FIELD_WIDTH = 1024;

    private AuditPayload() {
    }

    public static String json(AuditEvent event, AuditOrigin origin) {
        StringBuilder json = new StringBuilder("{");
        quote(json, "event_type").append(':');
        quote(json, event.eventType());
        Map<String, Object> fields = new LinkedHashMap<>(event.fields());
        origin.fields().forEach(fields::putIfAbsent);
        for (Map.Entry<String, Object> field : fields.entrySet()) {
            json.append(',');
            quote(json, field.getKey()).append(':');
            if (field.getValue() instanceof Boolean flag) {
                json.append(flag);
            } else {
                quote(json, field.getValue().toString());
            }
        }
        return json.append('}').toString();
    }

    /** How many characters {@code c} takes in the payload, inside a JSON string. */
    static int escapedWidth(char c) {
        return c == '"' || c == '\\' ? 2 : c < 0x20 ? 6 : 1;
    }

    private static StringBuilder quote(StringBuilder json, String text) {
        json.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                json.append('\\').append(c);
            } else if (c < 0x20) {
                json.append(String.format("\\u%04x", (int) c));
            } else {
                json.append(c);
            }
        }
        return json.append('"');
    }
}
