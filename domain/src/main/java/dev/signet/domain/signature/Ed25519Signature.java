package dev.signet.domain.signature;

import dev.signet.domain.Require;
import java.util.Arrays;
import java.util.Base64;

/** A raw 64-byte Ed25519 signature (R || S). */
public record Ed25519Signature(byte[] bytes) {
    public static final int LENGTH = 64;

    public Ed25519Signature {
        bytes = Require.length(bytes, LENGTH, "Ed25519 signature");
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /** Standard base64 with padding, as the {@code .sig} file carries it. */
    public String base64() {
        return Base64.getEncoder().encodeToString(bytes);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Ed25519Signature that && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "Ed25519Signature[" + base64() + "]";
    }
}
