package dev.signet.application.port.out;

import dev.signet.domain.key.KeyCustody;
import dev.signet.domain.key.KeyId;
import dev.signet.domain.key.SigningKey;
import dev.signet.domain.organization.OrganizationId;
import dev.signet.domain.revocation.Revocation;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

public interface SigningKeyRepository {
    /**
     * @throws dev.signet.domain.Conflict when the organization already has a key of that name, or the key is
     *                                    held by a token object another key is already bound to
     */
    void add(SigningKey key);

    Optional<SigningKey> findById(KeyId id);

    /** Revoked keys included, oldest first. */
    List<SigningKey> listByOrganization(OrganizationId organization);

    /** Every key in software custody, revoked ones included (their rows must stay readable). */
    List<SigningKey> listSoftwareKeys();

    /** @return false when the key does not exist or was already revoked */
    boolean markRevoked(KeyId id, Revocation revocation);

    /** Revoked as compromised from {@code revokedAt} on. */
    default boolean markRevoked(KeyId id, Instant revokedAt) {
        return markRevoked(id, Revocation.compromised(revokedAt, revokedAt));
    }

    /** Re-wrapping under another key-encryption key. */
    void replaceCustody(KeyId id, KeyCustody.Software custody);
}
