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

    /** Makes a KEK or PIN file owner-only (0600), as Signet requires of secret files; returns it. */
    public static java.nio.file.Path ownerOnly(java.nio.file.Path secretFile) {
        try {
            java.nio.file.Files.setPosixFilePermissions(secretFile,
                    java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            return secretFile;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
