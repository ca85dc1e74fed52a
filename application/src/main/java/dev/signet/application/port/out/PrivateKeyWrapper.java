package dev.signet.application.port.out;

import dev.signet.domain.key.Ed25519PrivateKey;
import dev.signet.domain.key.KeyCustody;
import dev.signet.domain.key.KeyEncryptionKey;
import dev.signet.domain.key.KeyId;
import dev.signet.domain.organization.OrganizationId;

/**
 * Seals software private keys at rest under the key-encryption key, bound to their key id and
 * organization so that a wrapped key copied to another row does not open.
 */
public interface PrivateKeyWrapper {
    KeyCustody.Software wrap(Ed25519PrivateKey privateKey, KeyEncryptionKey kek, KeyId keyId,
            OrganizationId organization);

    /**
     * @throws dev.signet.domain.key.WrongKeyEncryptionKey when {@code kek} is not the one it was wrapped under
     * @throws dev.signet.domain.key.KeyUnwrapFailed when the ciphertext or its binding is not authentic
     */
    Ed25519PrivateKey unwrap(KeyCustody.Software custody, KeyEncryptionKey kek, KeyId keyId,
            OrganizationId organization);
}
