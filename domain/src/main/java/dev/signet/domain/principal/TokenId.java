package dev.signet.domain.principal;

import dev.signet.domain.Require;
import java.util.UUID;

/** A Signet API token's identity: what listings, revocation and audit records name, never the secret. */
public record TokenId(UUID value) {
    public TokenId {
        Require.present(value, "token id");
    }

    public static TokenId random() {
        return new TokenId(UUID.randomUUID());
    }

    public static TokenId parse(String text) {
        try {
            return new TokenId(UUID.fromString(Require.present(text, "token id").strip()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("token id is not a UUID: " + text);
        }
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
