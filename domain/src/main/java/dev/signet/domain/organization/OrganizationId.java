package dev.signet.domain.organization;

import dev.signet.domain.Require;
import java.util.UUID;
import java.util.regex.Pattern;

/** An organization's identity, a UUID as Cloacina uses. */
public record OrganizationId(UUID value) {
    /**
     * The one written form of an id: 8-4-4-4-12 hex digits, either case. Stricter than UUID.fromString, which also
     * takes "1-2-3-4-5" and, on some JDKs, signs: text that reads as an id must be unmistakable, since no
     * organization may be named with it ({@link OrganizationName}).
     */
    private static final Pattern WRITTEN_FORM =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    public OrganizationId {
        Require.present(value, "organization id");
    }

    public static OrganizationId random() {
        return new OrganizationId(UUID.randomUUID());
    }

    /** Surrounding whitespace is ignored. */
    public static OrganizationId parse(String text) {
        if (!isWritten(Require.present(text, "organization id"))) {
            throw new IllegalArgumentException("organization id is not a UUID: " + text);
        }
        return new OrganizationId(UUID.fromString(text.strip()));
    }

    /** Whether {@code text} is an organization id as written (what an ORG argument then always means). */
    public static boolean isWritten(String text) {
        return text != null && WRITTEN_FORM.matcher(text.strip()).matches();
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
