package dev.signet.adapters.crypto.soft.tsp;

import dev.signet.domain.signature.Ed25519Signature;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** What a Signet timestamp is over: the SHA-256 of the 64 raw signature bytes (issue 14). */
final class SignatureImprint {
    private SignatureImprint() {
    }

    static byte[] of(Ed25519Signature signature) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(signature.bytes());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
