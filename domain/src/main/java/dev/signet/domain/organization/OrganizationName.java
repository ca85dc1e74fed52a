package dev.signet.domain.organization;

import dev.signet.domain.Require;

/**
 * An organization's unique, human-facing name. Never a UUID: ORG arguments read a UUID as an id, so a name that
 * is one could only ever shadow, or pose as, another organization's id.
 */
public record OrganizationName(String value) {
    public static final int MAX_LENGTH = 200;

    public OrganizationName {
        value = Require.name(value, MAX_LENGTH, "organization name");
        if (OrganizationId.isWritten(value)) {
            throw new AmbiguousOrganizationName(value);
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
