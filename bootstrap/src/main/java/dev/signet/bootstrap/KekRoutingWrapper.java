package dev.signet.bootstrap;

import dev.signet.application.port.out.PrivateKeyWrapper;
import dev.signet.application.service.HsmNotConfigured;
import dev.signet.domain.key.Ed25519PrivateKey;
import dev.signet.domain.key.KeyCustody;
import dev.signet.domain.key.KeyEncryptionKey;
import dev.signet.domain.key.KeyId;
import dev.signet.domain.organization.OrganizationId;
import java.util.Optional;

/**
 * Chooses where wrapping runs from the kind of KEK: in process for a KEK given at run time, in the HSM
 * for a KEK the token holds. Rotation between the two kinds is an unwrap by one and a wrap by the other.
 */
final class KekRoutingWrapper implements PrivateKeyWrapper {
    private final PrivateKeyWrapper inMemory;
    private final Optional<PrivateKeyWrapper> inToken;

    KekRoutingWrapper(PrivateKeyWrapper inMemory, Optional<PrivateKeyWrapper> inToken) {
        this.inMemory = inMemory;
        this.inToken = inToken;
    }

    @Override
    public KeyCustody.Software wrap(Ed25519PrivateKey privateKey, KeyEncryptionKey kek, KeyId keyId,
            OrganizationId organization) {
        return wrapperFor(kek).wrap(privateKey, kek, keyId, organization);
    }

    @Override
    public Ed25519PrivateKey unwrap(KeyCustody.Software custody, KeyEncryptionKey kek, KeyId keyId,
            OrganizationId organization) {
        return wrapperFor(kek).unwrap(custody, kek, keyId, organization);
    }

    private PrivateKeyWrapper wrapperFor(KeyEncryptionKey kek) {
        return kek instanceof KeyEncryptionKey.InToken ? inToken.orElseThrow(HsmNotConfigured::new) : inMemory;
    }
}
