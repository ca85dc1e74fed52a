package dev.signet.domain.key;

import dev.signet.domain.Require;
import java.util.Arrays;

/**
 * The 32-byte RFC 8032 seed of an Ed25519 private key, held in memory only while it is used.
 * Not a record on purpose: a secret has no value equality and never prints. Close it to wipe it.
 */
public final class Ed25519PrivateKey implements AutoCloseable {
    public static final int LENGTH = 32;

    private final byte[] seed;
    private boolean destroyed;

    private Ed25519PrivateKey(byte[] seed) {
        this.seed = seed;
    }

    /** Copies the seed; the caller should wipe its own array. */
    public static Ed25519PrivateKey fromSeed(byte[] seed) {
        return new Ed25519PrivateKey(Require.length(seed, LENGTH, "Ed25519 private key"));
    }

    /** A copy of the seed, for the crypto adapter; the caller wipes it after use. */
    public synchronized byte[] seed() {
        if (destroyed) {
            throw new IllegalStateException("private key was already wiped");
        }
        return seed.clone();
    }

    @Override
    public synchronized void close() {
        Arrays.fill(seed, (byte) 0);
        destroyed = true;
    }

    @Override
    public String toString() {
        return "Ed25519PrivateKey[redacted]";
    }
}
