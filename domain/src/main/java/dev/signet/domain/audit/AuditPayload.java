package dev.signet.domain.audit;

import java.util.Map;

/** An event's fields as one canonical JSON object: event_type first, then the fields in their order. */
public final class AuditPayload {
    private AuditPayload() {
    }

    public static String json(AuditEvent event) {
        StringBuilder json = new StringBuilder("{");
        quote(json, "event_type").append(':');
        quote(json, event.eventType());
        for (Map.Entry<String, Object> field : event.fields().entrySet()) {
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
