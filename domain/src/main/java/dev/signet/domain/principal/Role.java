package dev.signet.domain.principal;

import java.util.Locale;

/** What a principal may do within its organization (the service brief's four roles). */
public enum Role {
    /** Keys, trust and tokens of its organization. */
    ADMIN,
    /** Sign with the keys named in its scope, or with all of its organization's keys. */
    SIGNER,
    /** Verify against its organization's trust. */
    VERIFIER,
    /** Read and verify the audit trail. */
    AUDITOR;

    /** The name on the command line, in token listings and in audit records: {@code admin}, ... */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Role fromWireName(String name) {
        for (Role role : values()) {
            if (role.wireName().equals(name)) {
                return role;
            }
        }
        throw new IllegalArgumentException("unknown role: " + name + " (admin, signer, verifier or auditor)");
    }
}
