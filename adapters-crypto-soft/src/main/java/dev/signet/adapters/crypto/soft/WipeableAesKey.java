package dev.signet.adapters.crypto.soft;

import java.util.Arrays;
import javax.crypto.SecretKey;

/**
 * The KEK as a JCA key that can be wiped. SecretKeySpec keeps its own copy of the bytes and offers no public
 * way to clear it, so each wrap or unwrap would leave one more copy of the KEK on the heap until the garbage
 * collector reused it. This one hands the provider copies and is wiped by its owner right after
 * {@code Cipher.init}. What the provider keeps inside the Cipher (its key schedule, for GCM encryption a copy
 * for its nonce-reuse check) is out of reach; it goes with the Cipher, which is never kept.
 */
final class WipeableAesKey implements SecretKey {
    private static final long serialVersionUID = 1L;

    private final byte[] key;
    private volatile boolean destroyed;

    /** Takes ownership of {@code key}: the array is wiped by {@link #destroy()}. */
    WipeableAesKey(byte[] key) {
        this.key = key;
    }

    @Override
    public String getAlgorithm() {
        return "AES";
    }

    @Override
    public String getFormat() {
        return "RAW";
    }

    @Override
    public byte[] getEncoded() {
        if (destroyed) {
            throw new IllegalStateException("the key-encryption key was already wiped");
        }
        return key.clone();
    }

    @Override
    public void destroy() {
        Arrays.fill(key, (byte) 0);
        destroyed = true;
    }

    @Override
    public boolean isDestroyed() {
        return destroyed;
    }

    /** Never shows the key. */
    @Override
    public String toString() {
        return "WipeableAesKey[AES, " + (destroyed ? "wiped" : "256 bits") + "]";
    }
}
