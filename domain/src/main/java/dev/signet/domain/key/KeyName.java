package dev.signet.domain.key;

import dev.signet.domain.Require;

/** A signing key's name within its organization, e.g. {@code release-key-v1}. */
public record KeyName(String value) {
    public static final int MAX_LENGTH = 200;

    public KeyName {
        value = Require.name(value, MAX_LENGTH, "key name");
    }

    @Override
    public String toString() {
        return value;
    }
}
