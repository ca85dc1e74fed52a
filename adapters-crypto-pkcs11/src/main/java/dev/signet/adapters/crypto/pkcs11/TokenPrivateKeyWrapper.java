package dev.signet.adapters.crypto.pkcs11;

import dev.signet.application.port.out.PrivateKeyWrapper;
import dev.signet.domain.key.Ed25519PrivateKey;
import dev.signet.domain.key.KeyCustody;
import dev.signet.domain.key.KeyEncryptionKey;
import dev.signet.domain.key.KeyId;
import dev.signet.domain.key.WrappedKeyLayout;
import dev.signet.domain.organization.OrganizationId;
import java.security.SecureRandom;
import java.util.Optional;

/**
 * Wraps software private keys under a KEK that lives in the token: AES-256-GCM runs inside the HSM, in
 * the same layout and with the same associated data as in-memory wrapping ({@link WrappedKeyLayout}),
 * so the KEK never exists in process memory and rows move between the two by re-wrapping.
 */
public final class TokenPrivateKeyWrapper implements PrivateKeyWrapper {
    private final TokenKeyEncryptionKeys keks;
    private final SecureRandom random = new SecureRandom();

    public TokenPrivateKeyWrapper(TokenKeyEncryptionKeys keks) {
        this.keks = keks;
    }

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

    private WrappedKeyLayout.Aead aead(KeyEncryptionKey kek) {
        if (!(kek instanceof KeyEncryptionKey.InToken inToken)) {
            throw new IllegalArgumentException("this wrapper holds KEKs kept in the token, not " + kek);
        }
        return new WrappedKeyLayout.Aead() {
            @Override
            public byte[] seal(byte[] nonce, byte[] associatedData, byte[] plaintext) {
                return keks.seal(inToken.label(), nonce, associatedData, plaintext);
            }

            @Override
            public Optional<byte[]> open(byte[] nonce, byte[] associatedData, byte[] ciphertextAndTag) {
                try {
                    return Optional.of(keks.open(inToken.label(), nonce, associatedData, ciphertextAndTag));
                } catch (TokenDecryptionFailed notAuthentic) {
                    return Optional.empty();
                }
            }
        };
    }
}
