package dev.signet.adapters.persistence.db.repository;

import dev.signet.adapters.persistence.db.mapper.SigningKeyRow;
import dev.signet.domain.key.Ed25519PublicKey;
import dev.signet.domain.key.KekId;
import dev.signet.domain.key.KeyCustody;
import dev.signet.domain.key.KeyId;
import dev.signet.domain.key.KeyName;
import dev.signet.domain.key.SigningKey;
import dev.signet.domain.key.WrappedPrivateKey;
import dev.signet.domain.organization.OrganizationId;
import dev.signet.domain.revocation.Revocation;
import dev.signet.domain.revocation.RevocationReason;
import java.util.Optional;

/** Signing keys to rows and back; the custody decides which of the custody columns are set. */
final class SigningKeyRows {
    private SigningKeyRows() {
    }

    static SigningKeyRow toRow(SigningKey key) {
        byte[] wrapped = null;
        String kekId = null;
        String tokenLabel = null;
        byte[] objectId = null;
        if (key.custody() instanceof KeyCustody.Software software) {
            wrapped = software.wrappedKey().bytes();
            kekId = software.kekId().value();
        } else if (key.custody() instanceof KeyCustody.Hsm hsm) {
            tokenLabel = hsm.tokenLabel();
            objectId = hsm.objectId();
        } else {
            throw new IllegalArgumentException("unknown key custody " + key.custody().kind());
        }
        return new SigningKeyRow(key.id().value(), key.organizationId().value(), key.name().value(),
                key.publicKey().bytes(), key.fingerprint().hex(), key.custody().kind(), wrapped, kekId,
                tokenLabel, objectId, key.createdAt(), key.revokedAt().orElse(null),
                key.revocation().map(r -> r.reason().label()).orElse(null),
                key.revocation().map(Revocation::effectiveAt).orElse(null));
    }

    static SigningKey toDomain(SigningKeyRow row) {
        return new SigningKey(new KeyId(row.id()), new OrganizationId(row.orgId()), new KeyName(row.name()),
                new Ed25519PublicKey(row.publicKey()), custody(row), row.createdAt(),
                Optional.ofNullable(row.revokedAt()).map(recordedAt -> new Revocation(
                        RevocationReason.parse(row.revocationReason()), row.revocationEffectiveAt(), recordedAt)));
    }

    private static KeyCustody custody(SigningKeyRow row) {
        switch (row.custody()) {
            case KeyCustody.Software.KIND:
                return new KeyCustody.Software(new WrappedPrivateKey(row.wrappedPrivateKey()), new KekId(row.kekId()));
            case KeyCustody.Hsm.KIND:
                return new KeyCustody.Hsm(row.hsmTokenLabel(), row.hsmObjectId());
            default:
                throw new IllegalStateException("signing key " + row.id() + " has unknown custody '" + row.custody() + "'");
        }
    }
}
