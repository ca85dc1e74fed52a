package dev.signet.domain.organization;

import dev.signet.domain.Require;
import java.util.UUID;

/** An organization's identity, a UUID as Cloacina uses. */
public record OrganizationId(UUID value) {
    public OrganizationId {
        Require.present(value, "organization id");
    }

    public static OrganizationId random() {
        return new OrganizationId(UUID.randomUUID());
    }

    public static OrganizationId parse(String text) {
        try {
            return new OrganizationId(UUID.fromString(Require.present(text, "organization id").strip()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("organization id is not a UUID: " + text);
        }
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
