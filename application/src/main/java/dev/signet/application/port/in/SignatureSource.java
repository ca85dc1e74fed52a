package dev.signet.application.port.in;

/** Where online verification looks for a package's signature. */
public enum SignatureSource {
    /** The {@code .sig} file beside the package if there is one (a malformed one fails; it never falls back), else the database. */
    AUTO,
    /** Only the {@code .sig} file. */
    FILE,
    /** Only signatures stored in the database for the package's hash. */
    DATABASE
}
