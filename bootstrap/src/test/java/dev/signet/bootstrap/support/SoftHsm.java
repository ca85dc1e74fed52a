package dev.signet.bootstrap.support;

import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** The SoftHSM2 token ./run-tests makes for the run (adapters-crypto-pkcs11/src/test/softhsm-token.sh). */
public record SoftHsm(Path library, String token, String pin) {

    /** The run's token; skips only when the test command did not provide one. */
    public static SoftHsm require() {
        String library = System.getenv("SIGNET_TEST_PKCS11_LIBRARY");
        if (library == null || library.isBlank()) {
            Assumptions.abort("SoftHSM not provided: set SIGNET_TEST_PKCS11_LIBRARY, SIGNET_TEST_PKCS11_TOKEN and "
                    + "SIGNET_TEST_PKCS11_PIN (./run-tests does)");
        }
        return new SoftHsm(Path.of(library), System.getenv("SIGNET_TEST_PKCS11_TOKEN"),
                System.getenv("SIGNET_TEST_PKCS11_PIN"));
    }
}
