package dev.signet.domain.key;

import dev.signet.domain.Require;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The AES-256 key that wraps software private keys at rest. Either given at run time and held in
 * memory only while Signet runs ({@link InMemory}), or generated inside a PKCS#11 token as a
 * non-extractable key, so that wrapping happens in the HSM and the KEK never exists in process memory
 * ({@link InToken}). Never stored in the database, never printed; its {@link KekId} is safe to store and
 * show.
 */
public abstract sealed class KeyEncryptionKey implements AutoCloseable
        permits KeyEncryptionKey.InMemory, KeyEncryptionKey.InToken {
    public static final int LENGTH = 32;

    private KeyEncryptionKey() {
    }

    /** A KEK given at run time: 32 bytes, not all zero. */
    public static InMemory of(byte[] key) {
        return new InMemory(Require.length(key, LENGTH, "key-encryption key"));
    }

    /** A KEK held by the configured PKCS#11 token, found by its CKA_LABEL. */
    public static InToken inToken(String label) {
        return new InToken(label);
    }

    public abstract KekId id();

    /** Wipes what this process holds of the key, if anything. */
    @Override
    public void close() {
    }

    /** Given at run time; the wrapping adapter reads its bytes and wipes its copy after use. */
    public static final class InMemory extends KeyEncryptionKey {
        private final byte[] key;
        private final KekId id;
        private boolean destroyed;

        private InMemory(byte[] key) {
            if (isAllZero(key)) {
                throw new IllegalArgumentException("key-encryption key must not be all zero bytes");
            }
            this.key = key;
            this.id = KekId.of(key);
        }

        @Override
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

    /** Inside the HSM: only its label is known here; its id is derived from the label. */
    public static final class InToken extends KeyEncryptionKey {
        private static final String ID_LABEL = "signet-token-kek-v1:";
        private final String label;
        private final KekId id;

        private InToken(String label) {
            this.label = Require.name(label, 128, "token KEK label");
            this.id = KekId.of((ID_LABEL + this.label).getBytes(StandardCharsets.UTF_8));
        }

        public String label() {
            return label;
        }

        @Override
        public KekId id() {
            return id;
        }

        @Override
        public String toString() {
            return "KeyEncryptionKey[" + id + " in token as '" + label + "']";
        }
    }
}
