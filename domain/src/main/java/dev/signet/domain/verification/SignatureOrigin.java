package dev.signet.domain.verification;

/** Where the signature that verified a package came from. */
public enum SignatureOrigin {
    FILE("file"),
    DATABASE("database");

    private final String label;

    SignatureOrigin(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
