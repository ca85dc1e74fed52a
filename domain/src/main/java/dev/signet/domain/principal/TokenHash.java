package dev.signet.domain.principal;

import dev.signet.domain.Require;
import java.util.regex.Pattern;

/**
 * The SHA-256 of a token's secret, as 64 lowercase hex digits: all that Signet stores of a token. The secret has
 * 256 bits of entropy, so a plain hash is enough (there is nothing to guess); the database alone never lets anyone
 * present a token.
 */
public record TokenHash(String hex) {
    private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

    public TokenHash {
        Require.present(hex, "token hash");
        if (!HEX.matcher(hex).matches()) {
            throw new IllegalArgumentException("a token hash is 64 lowercase hex digits");
        }
    }
}
