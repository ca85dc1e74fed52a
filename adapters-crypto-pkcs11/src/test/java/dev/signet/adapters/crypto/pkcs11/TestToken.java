package dev.signet.adapters.crypto.pkcs11;

import static org.assertj.core.api.Assertions.fail;

import dev.signet.domain.signature.PackageHash;
import dev.signet.domain.signature.SignedMessage;
import java.nio.file.Path;
import java.security.SecureRandom;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.junit.jupiter.api.Assumptions;

/**
 * The SoftHSM2 token that ./run-tests makes for each run (adapters-crypto-pkcs11/src/test/softhsm-token.sh)
 * and names in SIGNET_TEST_PKCS11_LIBRARY, _TOKEN and _PIN (or -Dsignet.test.pkcs11.library, .token, .pin).
 * Without the library variable the HSM tests are skipped, saying so; with it, anything that keeps them
 * from reaching the token fails them: a configured token that cannot be used is a broken setup, not a
 * reason to skip.
 */
record TestToken(Path library, String label, String pin) {
    static final String LIBRARY = "SIGNET_TEST_PKCS11_LIBRARY";
    private static final SecureRandom RANDOM = new SecureRandom();

    static TestToken require() {
        String library = setting(LIBRARY, "signet.test.pkcs11.library");
        if (library == null) {
            Assumptions.abort(LIBRARY + " is not set, so the PKCS#11 tests have no SoftHSM2 token to use; ./run-tests"
                    + " sets it (with SOFTHSM2_CONF, SIGNET_TEST_PKCS11_TOKEN and SIGNET_TEST_PKCS11_PIN) through"
                    + " adapters-crypto-pkcs11/src/test/softhsm-token.sh");
        }
        String label = setting("SIGNET_TEST_PKCS11_TOKEN", "signet.test.pkcs11.token");
        String pin = setting("SIGNET_TEST_PKCS11_PIN", "signet.test.pkcs11.pin");
        if (label == null || pin == null) {
            fail(LIBRARY + " is set but SIGNET_TEST_PKCS11_TOKEN or SIGNET_TEST_PKCS11_PIN is not");
        }
        return new TestToken(Path.of(library), label, pin);
    }

    Pkcs11Config config(int poolSize) {
        return new Pkcs11Config(library, label, pin.toCharArray(), poolSize);
    }

    Pkcs11KeyCustodian open(int poolSize) {
        return Pkcs11KeyCustodian.open(config(poolSize));
    }

    static SignedMessage randomMessage() {
        byte[] digest = new byte[PackageHash.LENGTH];
        RANDOM.nextBytes(digest);
        return SignedMessage.forPackage(new PackageHash(digest));
    }

    /** An independent software check: Bouncy Castle's RFC 8032 Ed25519. */
    static boolean verifies(byte[] publicKey, SignedMessage message, byte[] signature) {
        byte[] m = message.bytes();
        return Ed25519.verify(signature, 0, publicKey, 0, m, 0, m.length);
    }

    private static String setting(String variable, String property) {
        String value = System.getenv(variable);
        if (value == null || value.isBlank()) {
            value = System.getProperty(property);
        }
        return value == null || value.isBlank() ? null : value.strip();
    }
}
