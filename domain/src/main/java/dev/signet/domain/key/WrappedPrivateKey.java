package dev.signet.domain.key;

import dev.signet.domain.Require;
import java.util.Arrays;

/**
 * A private key sealed under a key-encryption key (layout in docs/decisions/0002-private-key-wrapping.md).
 * Ciphertext is not secret, but it is also nothing a person needs to read, so it never prints.
 */
public record WrappedPrivateKey(byte[] bytes) {
    public WrappedPrivateKey {
        bytes = Require.present(bytes, "wrapped private key").clone();
        if (bytes.length == 0) {
            throw new IllegalArgumentException("wrapped private key must not be empty");
        }
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof WrappedPrivateKey that && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "WrappedPrivateKey[" + bytes.length + " bytes]";
    }
}
