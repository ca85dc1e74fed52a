package dev.signet.adapters.crypto.pkcs11;

import dev.signet.application.port.out.PrivateKeyWrapper;
import dev.signet.domain.key.Ed25519PrivateKey;
import dev.signet.domain.key.KeyCustody;
import dev.signet.domain.key.KeyEncryptionKey;
import dev.signet.domain.key.KeyId;
import dev.signet.domain.key.KeyUnwrapFailed;
import dev.signet.domain.key.WrappedKeyLayout;
import dev.signet.domain.key.WrongKeyEncryptionKey;
import dev.signet.domain.organization.OrganizationId;
import java.security.SecureRandom;
import java.util.Arrays;

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
        byte[] nonce = new byte[WrappedKeyLayout.NONCE_BYTES];
        random.nextBytes(nonce);
        byte[] seed = privateKey.seed();
        try {
            byte[] sealed = keks.seal(inToken(kek).label(), nonce, WrappedKeyLayout.associatedData(keyId, organization),
                    seed);
            return new KeyCustody.Software(WrappedKeyLayout.assemble(nonce, sealed), kek.id());
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
            seed = keks.open(inToken(kek).label(), parts.nonce(), WrappedKeyLayout.associatedData(keyId, organization),
                    parts.ciphertextAndTag());
            return Ed25519PrivateKey.fromSeed(seed);
        } catch (TokenDecryptionFailed e) {
            throw new KeyUnwrapFailed(keyId, "authentication failed in the token: the ciphertext was altered or "
                    + "belongs to another key or organization");
        } finally {
            if (seed != null) {
                Arrays.fill(seed, (byte) 0);
            }
        }
    }

    private static KeyEncryptionKey.InToken inToken(KeyEncryptionKey kek) {
        if (kek instanceof KeyEncryptionKey.InToken inToken) {
            return inToken;
        }
        throw new IllegalArgumentException("this wrapper holds KEKs kept in the token, not " + kek);
    }
}
