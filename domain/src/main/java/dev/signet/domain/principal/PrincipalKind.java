package dev.signet.domain.principal;

/** How a principal proved who it is. */
public enum PrincipalKind {
    TOKEN("token"),
    CLIENT_CERTIFICATE("client_certificate"),
    OIDC("oidc");

    private final String wireName;

    PrincipalKind(String wireName) {
        this.wireName = wireName;
    }

    /** The actor kind in audit records. */
    public String wireName() {
        return wireName;
    }
}
