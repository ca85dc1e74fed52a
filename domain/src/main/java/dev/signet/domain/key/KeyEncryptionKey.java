package dev.signet.domain.key;

import dev.signet.domain.Require;
import java.util.Arrays;

/**
 * The 32-byte AES-256 key that wraps software private keys at rest. Given at run time, never stored
 * in the database, never printed. Its {@link KekId} is safe to store and show.
 */
public final class KeyEncryptionKey implements AutoCloseable {
    public static final int LENGTH = 32;

    private final byte[] key;
    private final KekId id;
    private boolean destroyed;

    private KeyEncryptionKey(byte[] key) {
        if (isAllZero(key)) {
            throw new IllegalArgumentException("key-encryption key must not be all zero bytes");
        }
        this.key = key;
        this.id = KekId.of(key);
    }

    public static KeyEncryptionKey of(byte[] key) {
        return new KeyEncryptionKey(Require.length(key, LENGTH, "key-encryption key"));
    }

    public KekId id() {
        return id;
    }

    /** A copy of the key for the wrapping adapter, which wipes it after use. */
    public synchronized byte[] bytes() {
        if (destroyed) {
            throw new IllegalStateException("key-encryption key was already wiped");
        }
        return key.clone();
    }

    @Override
    public synchronized void close() {
        Arrays.fill(key, (byte) 0);
        destroyed = true;
    }

    private static boolean isAllZero(byte[] bytes) {
        int acc = 0;
        for (byte b : bytes) {
            acc |= b;
        }
        return acc == 0;
    }

    @Override
    public String toString() {
        return "KeyEncryptionKey[" + id + "]";
    }
}
