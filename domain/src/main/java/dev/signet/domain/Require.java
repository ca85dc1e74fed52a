package dev.signet.domain;

import java.util.Objects;

/** Construction-time checks shared by the value objects. */
public final class Require {
    private Require() {
    }

    public static <T> T present(T value, String what) {
        return Objects.requireNonNull(value, () -> what + " is required");
    }

    public static byte[] length(byte[] bytes, int expected, String what) {
        present(bytes, what);
        if (bytes.length != expected) {
            throw new IllegalArgumentException(what + " must be " + expected + " bytes, got " + bytes.length);
        }
        return bytes.clone();
    }

    /** A human-facing name: trimmed, non-blank, at most {@code maxLength} characters, no control characters. */
    public static String name(String value, int maxLength, String what) {
        present(value, what);
        String trimmed = value.strip();
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
        if (trimmed.length() > maxLength) {
            throw new IllegalArgumentException(what + " must be at most " + maxLength + " characters, got "
                    + trimmed.length());
        }
        if (trimmed.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException(what + " must not contain control characters");
        }
        return trimmed;
    }
}
