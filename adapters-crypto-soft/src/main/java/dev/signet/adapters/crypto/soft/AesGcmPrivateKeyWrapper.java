package dev.signet.adapters.crypto.soft;

import dev.signet.application.port.out.PrivateKeyWrapper;
import dev.signet.domain.key.Ed25519PrivateKey;
import dev.signet.domain.key.KeyCustody;
import dev.signet.domain.key.KeyEncryptionKey;
import dev.signet.domain.key.KeyId;
import dev.signet.domain.key.WrappedKeyLayout;
import dev.signet.domain.organization.OrganizationId;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Optional;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

/**
 * AES-256-GCM wrapping of Ed25519 seeds under a key-encryption key held in memory, in the layout of
 * {@link WrappedKeyLayout} (docs/decisions/0002). KEKs held by a token are wrapped there instead.
 */
public final class AesGcmPrivateKeyWrapper implements PrivateKeyWrapper {
    static final int WRAPPED_BYTES = WrappedKeyLayout.WRAPPED_BYTES;

    private final SecureRandom random = new SecureRandom();

    @Override
    public KeyCustody.Software wrap(Ed25519PrivateKey privateKey, KeyEncryptionKey kek, KeyId keyId,
            OrganizationId organization) {
        return WrappedKeyLayout.wrap(privateKey, kek, keyId, organization, aead(kek), random);
    }

    @Override
    public Ed25519PrivateKey unwrap(KeyCustody.Software custody, KeyEncryptionKey kek, KeyId keyId,
            OrganizationId organization) {
        return WrappedKeyLayout.unwrap(custody, kek, keyId, organization, aead(kek));
    }

    private static WrappedKeyLayout.Aead aead(KeyEncryptionKey kek) {
        if (!(kek instanceof KeyEncryptionKey.InMemory inMemory)) {
            throw new IllegalArgumentException("this wrapper holds KEKs given at run time, not " + kek);
        }
        return new WrappedKeyLayout.Aead() {
            @Override
            public byte[] seal(byte[] nonce, byte[] associatedData, byte[] plaintext) {
                try {
                    return cipher(Cipher.ENCRYPT_MODE, inMemory, nonce, associatedData).doFinal(plaintext);
                } catch (GeneralSecurityException e) {
                    throw new IllegalStateException("AES-256-GCM is unavailable in this JVM", e);
                }
            }

            @Override
            public Optional<byte[]> open(byte[] nonce, byte[] associatedData, byte[] ciphertextAndTag) {
                try {
                    return Optional.of(cipher(Cipher.DECRYPT_MODE, inMemory, nonce, associatedData)
                            .doFinal(ciphertextAndTag));
                } catch (AEADBadTagException notAuthentic) {
                    return Optional.empty();
                } catch (GeneralSecurityException e) {
                    throw new IllegalStateException("AES-256-GCM is unavailable in this JVM", e);
                }
            }
        };
    }

    private static Cipher cipher(int mode, KeyEncryptionKey.InMemory kek, byte[] nonce, byte[] associatedData)
            throws GeneralSecurityException {
        WipeableAesKey key = new WipeableAesKey(kek.bytes());
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, key, new GCMParameterSpec(WrappedKeyLayout.TAG_BITS, nonce));
            cipher.updateAAD(associatedData);
            return cipher;
        } finally {
            key.destroy();
        }
    }
}
