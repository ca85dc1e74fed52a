package dev.signet.domain.trust;

import dev.signet.domain.Require;
import java.util.UUID;

/** A trusted public key's identity (one row of an organization's trust list). */
public record TrustedKeyId(UUID value) {
    public TrustedKeyId {
        Require.present(value, "trusted key id");
    }

    public static TrustedKeyId random() {
        return new TrustedKeyId(UUID.randomUUID());
    }

    public static TrustedKeyId parse(String text) {
        try {
            return new TrustedKeyId(UUID.fromString(Require.present(text, "trusted key id").strip()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("trusted key id is not a UUID: " + text);
        }
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
