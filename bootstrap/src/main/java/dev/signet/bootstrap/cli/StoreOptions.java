package dev.signet.bootstrap.cli;

import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/** Where the key store is and how to open its secrets (cli.md, "Configuration"). */
final class StoreOptions {
    @Option(names = "--db-url", paramLabel = "URL",
            description = "JDBC URL of the database. Default: $SIGNET_DB_URL, else the embedded H2 file in the home folder.")
    String dbUrl;

    @Option(names = "--db-user", paramLabel = "USER", description = "Database user. Default: $SIGNET_DB_USER")
    String dbUser;

    @Option(names = "--db-password", paramLabel = "PASSWORD",
            description = "Database password. Default: $SIGNET_DB_PASSWORD (prefer the variable: flags show in ps)")
    String dbPassword;

    @Option(names = "--db-wait", paramLabel = "SECONDS", converter = OptionValues.Seconds.class,
            description = "Embedded database only: how long to wait while another Signet process uses it. "
                    + "Default: $SIGNET_DB_WAIT, else 60")
    Duration dbWait;

    @Option(names = "--kek-file", paramLabel = "FILE",
            description = "The 32-byte key-encryption key (64 hex characters or base64). "
                    + "Default: $SIGNET_KEY_ENCRYPTION_KEY, else the file named by $SIGNET_KEY_ENCRYPTION_KEY_FILE")
    Path kekFile;

    @Option(names = "--kek-pkcs11-label", paramLabel = "LABEL",
            description = "Use the key-encryption key kept in the PKCS#11 token under LABEL (see: signet kek create). "
                    + "Default: $SIGNET_KEK_PKCS11_LABEL, after the run-time KEK settings")
    String kekTokenLabel;

    @Option(names = "--pkcs11-library", paramLabel = "FILE",
            description = "PKCS#11 module for HSM keys, e.g. /usr/lib/softhsm/libsofthsm2.so. Default: $SIGNET_PKCS11_LIBRARY")
    Path pkcs11Library;

    @Option(names = "--pkcs11-token", paramLabel = "LABEL", description = "The token's label. Default: $SIGNET_PKCS11_TOKEN")
    String pkcs11Token;

    @Option(names = "--pkcs11-pin-file", paramLabel = "FILE",
            description = "File holding the token's user PIN. Default: $SIGNET_PKCS11_PIN, else the file named by $SIGNET_PKCS11_PIN_FILE")
    Path pkcs11PinFile;

    @Option(names = "--allow-insecure-secret-files",
            description = "Use a KEK or PIN file that group or others can access (refused otherwise, as ssh refuses such "
                    + "a key). Default: $SIGNET_ALLOW_INSECURE_SECRET_FILES (true/1/yes), else off")
    boolean allowInsecureSecretFiles;
}
