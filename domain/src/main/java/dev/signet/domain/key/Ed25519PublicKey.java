package dev.signet.domain.key;

import dev.signet.domain.Hex;
import dev.signet.domain.Require;
import java.util.Arrays;

/** A raw 32-byte Ed25519 public key (RFC 8032 encoding). */
public record Ed25519PublicKey(byte[] bytes) {
    public static final int LENGTH = 32;

    public Ed25519PublicKey {
        bytes = Require.length(bytes, LENGTH, "Ed25519 public key");
    }

    public static Ed25519PublicKey fromHex(String hex) {
        return new Ed25519PublicKey(Hex.decode(hex, LENGTH, "Ed25519 public key"));
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    public KeyFingerprint fingerprint() {
        return KeyFingerprint.of(this);
    }

    public String hex() {
        return Hex.encode(bytes);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Ed25519PublicKey that && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "Ed25519PublicKey[" + hex() + "]";
    }
}
