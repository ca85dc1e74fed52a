package dev.signet.domain.organization;

import dev.signet.domain.Require;

/** An organization's unique, human-facing name. */
public record OrganizationName(String value) {
    public static final int MAX_LENGTH = 200;

    public OrganizationName {
        value = Require.name(value, MAX_LENGTH, "organization name");
    }

    @Override
    public String toString() {
        return value;
    }
}
