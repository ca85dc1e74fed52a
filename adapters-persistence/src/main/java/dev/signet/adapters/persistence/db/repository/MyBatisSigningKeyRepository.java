package dev.signet.adapters.persistence.db.repository;

import dev.signet.adapters.persistence.db.mapper.SigningKeyMapper;
import dev.signet.adapters.persistence.db.mapper.SigningKeyRow;
import dev.signet.adapters.persistence.db.tx.MyBatisTransactions;
import dev.signet.application.port.out.SigningKeyRepository;
import dev.signet.domain.Conflict;
import dev.signet.domain.Hex;
import dev.signet.domain.NotFound;
import dev.signet.domain.key.KeyCustody;
import dev.signet.domain.key.KeyId;
import dev.signet.domain.key.SigningKey;
import dev.signet.domain.organization.OrganizationId;
import dev.signet.domain.revocation.Revocation;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Signing keys in table {@code signing_keys}; key names are unique within an organization, and a PKCS#11
 * token object (token label and CKA_ID) backs at most one key.
 */
public final class MyBatisSigningKeyRepository implements SigningKeyRepository {
    private final MyBatisTransactions transactions;

    public MyBatisSigningKeyRepository(MyBatisTransactions transactions) {
        this.transactions = Objects.requireNonNull(transactions, "transactions");
    }

    @Override
    public void add(SigningKey key) {
        SigningKeyRow row = SigningKeyRows.toRow(key);
        transactions.withSession(session -> Savepoints.attempt(session, () -> {
            try {
                session.getMapper(SigningKeyMapper.class).insert(row);
                return null;
            } catch (RuntimeException e) {
                throw ConstraintViolation.translate(e, violation -> {
                    if (!violation.isUnique()) {
                        return "organization " + key.organizationId() + " does not exist";
                    }
                    if (violation.names("uq_signing_keys_org_name")) {
                        return "organization " + key.organizationId() + " already has a signing key named '"
                                + key.name() + "'";
                    }
                    if (violation.names("uq_signing_keys_hsm_object") && key.custody() instanceof KeyCustody.Hsm hsm) {
                        return "the object with CKA_ID " + Hex.encode(hsm.objectId()) + " in PKCS#11 token '"
                                + hsm.tokenLabel() + "' is already bound to another Signet signing key; one token"
                                + " object backs one Signet key, even after that key is revoked (give a new key"
                                + " pair its own CKA_ID)";
                    }
                    return "signing key " + key.id() + " already exists";
                });
            }
        }));
    }

    @Override
    public Optional<SigningKey> findById(KeyId id) {
        return Optional.ofNullable(transactions.withMapper(SigningKeyMapper.class, m -> m.findById(id.value())))
                .map(SigningKeyRows::toDomain);
    }

    @Override
    public List<SigningKey> listByOrganization(OrganizationId organization) {
        return transactions.withMapper(SigningKeyMapper.class, m -> m.listByOrganization(organization.value()))
                .stream().map(SigningKeyRows::toDomain).toList();
    }

    @Override
    public List<SigningKey> listSoftwareKeys() {
        return transactions.withMapper(SigningKeyMapper.class, SigningKeyMapper::listSoftware)
                .stream().map(SigningKeyRows::toDomain).toList();
    }

    @Override
    public boolean markRevoked(KeyId id, Revocation revocation) {
        Objects.requireNonNull(revocation, "revocation");
        return transactions.withMapper(SigningKeyMapper.class, m -> m.markRevoked(id.value(),
                revocation.reason().label(), revocation.effectiveAt(), revocation.recordedAt())) == 1;
    }

    /**
     * @throws NotFound when there is no such key
     * @throws Conflict when the key is held in a PKCS#11 token, whose private half cannot be re-wrapped
     */
    @Override
    public void replaceCustody(KeyId id, KeyCustody.Software custody) {
        Objects.requireNonNull(custody, "key custody");
        transactions.withMapper(SigningKeyMapper.class, m -> {
            if (m.replaceSoftwareCustody(id.value(), custody.wrappedKey().bytes(), custody.kekId().value()) == 1) {
                return null;
            }
            SigningKeyRow existing = m.findById(id.value());
            if (existing == null) {
                throw new NotFound("signing key " + id + " does not exist");
            }
            throw new Conflict("signing key " + id + " is held in a PKCS#11 token and cannot be re-wrapped");
        });
    }
}
