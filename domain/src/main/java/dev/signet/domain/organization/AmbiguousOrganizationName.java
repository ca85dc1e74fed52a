package dev.signet.domain.organization;

import dev.signet.domain.SignetException;

/** A name that is a UUID, which ORG arguments read as an organization id: it would shadow one. */
public final class AmbiguousOrganizationName extends SignetException {
    public AmbiguousOrganizationName(String name) {
        super("organization name '" + name + "' is a UUID, and an organization argument that is a UUID always means "
                + "an organization id: choose a name that is not a UUID");
    }
}
