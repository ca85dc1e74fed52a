package dev.signet.bootstrap.cli;

import java.util.LinkedHashMap;
import java.util.Map;

/** One flat JSON object of string fields on one line, for --json output. */
final class JsonLine {
    private final Map<String, String> fields = new LinkedHashMap<>();

    JsonLine put(String name, Object value) {
        fields.put(name, String.valueOf(value));
        return this;
    }

    @Override
    public String toString() {
        StringBuilder json = new StringBuilder("{");
        fields.forEach((name, value) -> {
            if (json.length() > 1) {
                json.append(',');
            }
            quote(json, name).append(':');
            quote(json, value);
        });
        return json.append('}').toString();
    }

    private static StringBuilder quote(StringBuilder json, String text) {
        json.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        return json.append('"');
    }
}
