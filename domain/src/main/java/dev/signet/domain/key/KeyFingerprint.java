package dev.signet.domain.key;

import dev.signet.domain.Hex;
import dev.signet.domain.Require;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/** SHA-256 of a raw 32-byte public key; written as 64 lowercase hex characters (Cloacina's key_fingerprint). */
public record KeyFingerprint(byte[] bytes) {
    public static final int LENGTH = 32;

    public KeyFingerprint {
        bytes = Require.length(bytes, LENGTH, "key fingerprint");
    }

    public static KeyFingerprint of(Ed25519PublicKey publicKey) {
        try {
            return new KeyFingerprint(MessageDigest.getInstance("SHA-256").digest(publicKey.bytes()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }

    /** Reads 64 hex characters, either case. */
    public static KeyFingerprint fromHex(String hex) {
        return new KeyFingerprint(Hex.decode(hex, LENGTH, "key fingerprint"));
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    public String hex() {
        return Hex.encode(bytes);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof KeyFingerprint that && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return hex();
    }
}
