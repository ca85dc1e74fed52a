package dev.signet.adapters.persistence.sigfile;

/** The names and fixed values of the version 1 format, shared by the reader and the writer. */
final class SignatureFileFormat {
    static final String VERSION = "version";
    static final String ALGORITHM = "algorithm";
    static final String PACKAGE_HASH = "package_hash";
    static final String KEY_FINGERPRINT = "key_fingerprint";
    static final String SIGNATURE = "signature";
    static final String SIGNED_AT = "signed_at";
    /** Signet's extension (issue 14): written only when there is a token, last, so Cloacina ignores it. */
    static final String TIMESTAMP_TOKEN = "timestamp_token";

    static final int CURRENT_VERSION = 1;
    static final String ED25519 = "ed25519";

    /**
     * A real file is about 370 bytes; the cap keeps a hostile or mistaken path (a package, a disk image)
     * from being read into memory.
     */
    static final int MAX_FILE_BYTES = 64 * 1024;

    private SignatureFileFormat() {
    }
}
