package dev.signet.domain.principal;

import dev.signet.domain.Require;

/** What an operator calls a token, e.g. the pipeline it is for: at most 200 characters, no control characters. */
public record TokenName(String value) {
    public TokenName {
        value = Require.name(value, 200, "token name");
    }

    @Override
    public String toString() {
        return value;
    }
}
