package dev.signet.bootstrap.cli;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One flat JSON object on one line, for --json output. Fields are strings (cli.md's objects so far), except
 * those put as numbers.
 */
final class JsonLine {
    /** Each field's value as JSON text. */
    private final Map<String, String> fields = new LinkedHashMap<>();

    JsonLine put(String name, Object value) {
        fields.put(name, quote(new StringBuilder(), String.valueOf(value)).toString());
        return this;
    }

    JsonLine putNumber(String name, long value) {
        fields.put(name, Long.toString(value));
        return this;
    }

    /** A nested object, e.g. {@code "time_basis": {...}}. */
    JsonLine putObject(String name, JsonLine object) {
        fields.put(name, object.toString());
        return this;
    }

    /** The other object's fields, after this one's. */
    JsonLine putAll(JsonLine other) {
        fields.putAll(other.fields);
        return this;
    }

    @Override
    public String toString() {
        StringBuilder json = new StringBuilder("{");
        fields.forEach((name, value) -> {
            if (json.length() > 1) {
                json.append(',');
            }
            quote(json, name).append(':').append(value);
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
