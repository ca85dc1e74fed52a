package dev.signet.adapters.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;

/** Strict reading of request bodies: one JSON object, known fields only, each of its type. */
final class JsonBodies {
    static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);

    private JsonBodies() {
    }

    static ObjectNode object(byte[] body, Set<String> allowed) {
        JsonNode node;
        try {
            node = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the body is not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new IllegalArgumentException("the body cannot be read");
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("the body must be one JSON object");
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw new IllegalArgumentException("unknown field '" + name + "' (expected: " + String.join(", ",
                        allowed.stream().sorted().toList()) + ")");
            }
        }
        return (ObjectNode) node;
    }

    static String text(ObjectNode body, String field) {
        return optionalText(body, field).orElseThrow(() -> new IllegalArgumentException("'" + field + "' is required"));
    }

    static Optional<String> optionalText(ObjectNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw new IllegalArgumentException("'" + field + "' must be a string");
        }
        return Optional.of(value.textValue());
    }

    static boolean flag(ObjectNode body, String field, boolean absent) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return absent;
        }
        if (!value.isBoolean()) {
            throw new IllegalArgumentException("'" + field + "' must be true or false");
        }
        return value.booleanValue();
    }
}
