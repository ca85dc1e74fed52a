package dev.signet.adapters.crypto.soft;

import dev.signet.application.port.out.PrivateKeyWrapper;
import dev.signet.domain.key.Ed25519PrivateKey;
import dev.signet.domain.key.KeyCustody;
import dev.signet.domain.key.KeyEncryptionKey;
import dev.signet.domain.key.KeyId;
import dev.signet.domain.key.KeyUnwrapFailed;
import dev.signet.domain.key.WrappedPrivateKey;
import dev.signet.domain.key.WrongKeyEncryptionKey;
import dev.signet.domain.organization.OrganizationId;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.UUID;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM wrapping of Ed25519 seeds under the key-encryption key (docs/decisions/0002).
 *
 * <pre>
 * wrapped = 0x01 (layout version) || nonce (12 random bytes) || ciphertext (32) || tag (16)   = 61 bytes
 * AAD     = "signet-private-key-v1" || organization id (16 bytes) || key id (16 bytes)
 * </pre>
 * The associated data binds the ciphertext to its row, so a wrapped key copied into another key's row
 * fails authentication; the KEK id stored beside it names the KEK without revealing it.
 */
public final class AesGcmPrivateKeyWrapper implements PrivateKeyWrapper {
    static final byte LAYOUT_VERSION = 1;
    static final int NONCE_BYTES = 12;
    static final int TAG_BITS = 128;
    static final int WRAPPED_BYTES = 1 + NONCE_BYTES + Ed25519PrivateKey.LENGTH + TAG_BITS / 8;
    private static final byte[] AAD_LABEL = "signet-private-key-v1".getBytes(StandardCharsets.US_ASCII);

    private final SecureRandom random = new SecureRandom();

    @Override
    public KeyCustody.Software wrap(Ed25519PrivateKey privateKey, KeyEncryptionKey kek, KeyId keyId,
            OrganizationId organization) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        byte[] seed = privateKey.seed();
        try {
            byte[] sealed = cipher(Cipher.ENCRYPT_MODE, kek, nonce, keyId, organization).doFinal(seed);
            byte[] wrapped = ByteBuffer.allocate(WRAPPED_BYTES).put(LAYOUT_VERSION).put(nonce).put(sealed).array();
            return new KeyCustody.Software(new WrappedPrivateKey(wrapped), kek.id());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-GCM is unavailable in this JVM", e);
        } finally {
            Arrays.fill(seed, (byte) 0);
        }
    }

    @Override
    public Ed25519PrivateKey unwrap(KeyCustody.Software custody, KeyEncryptionKey kek, KeyId keyId,
            OrganizationId organization) {
        if (!custody.kekId().equals(kek.id())) {
            throw new WrongKeyEncryptionKey(keyId, custody.kekId(), kek.id());
        }
        byte[] wrapped = custody.wrappedKey().bytes();
        if (wrapped.length != WRAPPED_BYTES || wrapped[0] != LAYOUT_VERSION) {
            throw new KeyUnwrapFailed(keyId, "the stored value is not a version 1 wrapped key");
        }
        byte[] nonce = Arrays.copyOfRange(wrapped, 1, 1 + NONCE_BYTES);
        byte[] seed = null;
        try {
            seed = cipher(Cipher.DECRYPT_MODE, kek, nonce, keyId, organization)
                    .doFinal(wrapped, 1 + NONCE_BYTES, wrapped.length - 1 - NONCE_BYTES);
            return Ed25519PrivateKey.fromSeed(seed);
        } catch (AEADBadTagException e) {
            throw new KeyUnwrapFailed(keyId, "authentication failed: the ciphertext was altered or belongs to "
                    + "another key or organization");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-GCM is unavailable in this JVM", e);
        } finally {
            if (seed != null) {
                Arrays.fill(seed, (byte) 0);
            }
        }
    }

    private static Cipher cipher(int mode, KeyEncryptionKey kek, byte[] nonce, KeyId keyId,
            OrganizationId organization) throws GeneralSecurityException {
        byte[] keyBytes = kek.bytes();
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, new SecretKeySpec(keyBytes, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData(keyId, organization));
            return cipher;
        } finally {
            Arrays.fill(keyBytes, (byte) 0);
        }
    }

    static byte[] associatedData(KeyId keyId, OrganizationId organization) {
        return ByteBuffer.allocate(AAD_LABEL.length + 32).put(AAD_LABEL)
                .put(uuidBytes(organization.value())).put(uuidBytes(keyId.value())).array();
    }

    private static byte[] uuidBytes(UUID uuid) {
        return ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits())
                .array();
    }
}
