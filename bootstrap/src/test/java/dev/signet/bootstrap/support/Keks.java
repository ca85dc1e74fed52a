package dev.signet.bootstrap.support;

import dev.signet.domain.key.KeyEncryptionKey;
import java.security.SecureRandom;

/** Random key-encryption keys for tests. */
public final class Keks {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Keks() {
    }

    public static byte[] randomBytes() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    public static KeyEncryptionKey.InMemory random() {
        return KeyEncryptionKey.of(randomBytes());
    }
}
