package dev.signet.domain.key;

import dev.signet.domain.Require;
import java.util.UUID;

/** A signing key's identity. */
public record KeyId(UUID value) {
    public KeyId {
        Require.present(value, "key id");
    }

    public static KeyId random() {
        return new KeyId(UUID.randomUUID());
    }

    public static KeyId parse(String text) {
        try {
            return new KeyId(UUID.fromString(Require.present(text, "key id").strip()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("key id is not a UUID: " + text);
        }
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
