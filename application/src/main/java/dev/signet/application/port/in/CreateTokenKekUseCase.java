package dev.signet.application.port.in;

import dev.signet.domain.key.KeyEncryptionKey;

public interface CreateTokenKekUseCase {
    /**
     * Generates a key-encryption key inside the configured PKCS#11 token and records {@code kek.created}.
     *
     * @throws dev.signet.application.service.HsmNotConfigured when no token is configured
     */
    KeyEncryptionKey.InToken createInToken(String label);
}
