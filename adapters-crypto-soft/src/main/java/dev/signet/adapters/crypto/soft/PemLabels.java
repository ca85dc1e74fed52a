package dev.signet.adapters.crypto.soft;

/**
 * What to tell a person who handed over the wrong kind of PEM block. The hints name the OpenSSL command
 * that turns what they have into what is wanted, because that is the tool they most likely have.
 */
final class PemLabels {
    static final String PUBLIC_KEY = "PUBLIC KEY";
    static final String PRIVATE_KEY = "PRIVATE KEY";
    static final String ENCRYPTED_PRIVATE_KEY = "ENCRYPTED PRIVATE KEY";

    private PemLabels() {
    }

    static String mismatch(String what, String expected, String found) {
        String message = what + ": expected a PEM \"" + expected + "\" block, found \"" + found + "\"";
        String hint = PUBLIC_KEY.equals(expected) ? publicKeyHint(found) : privateKeyHint(found);
        return hint == null ? message : message + "; " + hint;
    }

    private static String publicKeyHint(String found) {
        if (found.equals("CERTIFICATE")) {
            return "extract its public key first: openssl x509 -in CERT.pem -pubkey -noout";
        }
        if (found.endsWith(PRIVATE_KEY)) {
            return "that is a private key; give its public key: openssl pkey -in KEY.pem -pubout";
        }
        return null;
    }

    private static String privateKeyHint(String found) {
        if (found.equals(ENCRYPTED_PRIVATE_KEY)) {
            return "encrypted private keys are not supported; decrypt it first: openssl pkey -in KEY.pem -out PLAIN.pem";
        }
        if (found.equals("OPENSSH PRIVATE KEY")) {
            return "OpenSSH's key format is not supported; use PKCS#8 (openssl genpkey -algorithm ed25519)";
        }
        if (found.endsWith(PRIVATE_KEY)) {
            return "that is a legacy format that cannot hold an Ed25519 key";
        }
        if (found.equals(PUBLIC_KEY) || found.equals("CERTIFICATE")) {
            return "that holds no private key";
        }
        return null;
    }
}
