package dev.signet.domain.time;

import dev.signet.domain.Require;
import java.util.UUID;

/** A trusted TSA certificate's identity (one row of an organization's TSA trust). */
public record TrustedTsaId(UUID value) {
    public TrustedTsaId {
        Require.present(value, "trusted TSA id");
    }

    public static TrustedTsaId random() {
        return new TrustedTsaId(UUID.randomUUID());
    }

    public static TrustedTsaId parse(String text) {
        try {
            return new TrustedTsaId(UUID.fromString(Require.present(text, "trusted TSA id").strip()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("trusted TSA id is not a UUID: " + text);
        }
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
