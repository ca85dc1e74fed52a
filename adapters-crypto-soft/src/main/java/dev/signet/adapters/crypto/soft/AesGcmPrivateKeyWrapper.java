package dev.signet.adapters.crypto.soft;

import dev.signet.application.port.out.PrivateKeyWrapper;
import dev.signet.domain.key.Ed25519PrivateKey;
import dev.signet.domain.key.KeyCustody;
import dev.signet.domain.key.KeyEncryptionKey;
import dev.signet.domain.key.KeyId;
import dev.signet.domain.key.KeyUnwrapFailed;
import dev.signet.domain.key.WrappedKeyLayout;
import dev.signet.domain.key.WrongKeyEncryptionKey;
import dev.signet.domain.organization.OrganizationId;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

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
        byte[] nonce = new byte[WrappedKeyLayout.NONCE_BYTES];
        random.nextBytes(nonce);
        byte[] seed = privateKey.seed();
        try {
            byte[] sealed = cipher(Cipher.ENCRYPT_MODE, inMemory(kek), nonce, keyId, organization).doFinal(seed);
            return new KeyCustody.Software(WrappedKeyLayout.assemble(nonce, sealed), kek.id());
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
        WrappedKeyLayout.Parts parts = WrappedKeyLayout.parse(custody.wrappedKey(), keyId);
        byte[] seed = null;
        try {
            seed = cipher(Cipher.DECRYPT_MODE, inMemory(kek), parts.nonce(), keyId, organization)
                    .doFinal(parts.ciphertextAndTag());
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

    private static KeyEncryptionKey.InMemory inMemory(KeyEncryptionKey kek) {
        if (kek instanceof KeyEncryptionKey.InMemory inMemory) {
            return inMemory;
        }
        throw new IllegalArgumentException("this wrapper holds KEKs given at run time, not " + kek);
    }

    private static Cipher cipher(int mode, KeyEncryptionKey.InMemory kek, byte[] nonce, KeyId keyId,
            OrganizationId organization) throws GeneralSecurityException {
        byte[] keyBytes = kek.bytes();
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, new SecretKeySpec(keyBytes, "AES"), new GCMParameterSpec(WrappedKeyLayout.TAG_BITS, nonce));
            cipher.updateAAD(WrappedKeyLayout.associatedData(keyId, organization));
            return cipher;
        } finally {
            Arrays.fill(keyBytes, (byte) 0);
        }
    }
}
