package dev.signet.adapters.persistence.db.repository;

import dev.signet.adapters.persistence.db.mapper.TrustedKeyMapper;
import dev.signet.adapters.persistence.db.mapper.TrustedKeyRow;
import dev.signet.adapters.persistence.db.trust.TrustVersionCounter;
import dev.signet.adapters.persistence.db.tx.MyBatisTransactions;
import dev.signet.application.port.out.TrustedKeyRepository;
import dev.signet.domain.key.Ed25519PublicKey;
import dev.signet.domain.organization.OrganizationId;
import dev.signet.domain.revocation.Revocation;
import dev.signet.domain.revocation.RevocationReason;
import dev.signet.domain.trust.TrustedKey;
import dev.signet.domain.trust.TrustedKeyId;
import dev.signet.domain.trust.ValidityWindow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Trusted public keys in table {@code trusted_keys}. An organization trusts a fingerprint at most once at a
 * time; revoked rows stay as history, and a revoked key can be trusted anew (a new row).
 */
public final class MyBatisTrustedKeyRepository implements TrustedKeyRepository {
    /** Keeps each IN list far below any driver's limit on bind parameters. */
    private static final int ORGANIZATIONS_PER_QUERY = 500;

    private final MyBatisTransactions transactions;
    private final TrustVersionCounter version;

    /** @param version advanced in the transaction of every change, so trust caches see it */
    public MyBatisTrustedKeyRepository(MyBatisTransactions transactions, TrustVersionCounter version) {
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.version = Objects.requireNonNull(version, "trust version");
    }

    @Override
    public void add(TrustedKey key) {
        TrustedKeyRow row = new TrustedKeyRow(key.id().value(), key.organizationId().value(),
                key.publicKey().bytes(), key.fingerprint().hex(), key.label().orElse(null), key.addedAt(),
                key.revokedAt().orElse(null), key.isActive() ? Boolean.TRUE : null,
                key.revocation().map(r -> r.reason().label()).orElse(null),
                key.revocation().map(Revocation::effectiveAt).orElse(null),
                key.validity().notBefore().orElse(null), key.validity().notAfter().orElse(null));
        transactions.withSession(session -> Savepoints.attempt(session, () -> {
            try {
                session.getMapper(TrustedKeyMapper.class).insert(row);
                version.advance(session);
                return null;
            } catch (RuntimeException e) {
                throw ConstraintViolation.translate(e, violation -> {
                    if (!violation.isUnique()) {
                        return "organization " + key.organizationId() + " does not exist";
                    }
                    return violation.names("uq_trusted_keys_active_fingerprint")
                            ? "organization " + key.organizationId() + " already trusts key " + key.fingerprint().hex()
                            : "trusted key " + key.id() + " already exists";
                });
            }
        }));
    }

    @Override
    public Optional<TrustedKey> findById(TrustedKeyId id) {
        return Optional.ofNullable(transactions.withMapper(TrustedKeyMapper.class, m -> m.findById(id.value())))
                .map(MyBatisTrustedKeyRepository::toDomain);
    }

    @Override
    public List<TrustedKey> listByOrganization(OrganizationId organization) {
        return transactions.withMapper(TrustedKeyMapper.class, m -> m.listByOrganization(organization.value()))
                .stream().map(MyBatisTrustedKeyRepository::toDomain).toList();
    }

    /** Oldest first. */
    @Override
    public List<TrustedKey> listActiveAndDeniedByOrganizations(Collection<OrganizationId> organizations) {
        List<UUID> ids = new ArrayList<>(new LinkedHashSet<>(organizations.stream().map(OrganizationId::value).toList()));
        if (ids.isEmpty()) {
            return List.of();
        }
        List<TrustedKeyRow> rows = transactions.withMapper(TrustedKeyMapper.class, m -> {
            List<TrustedKeyRow> found = new ArrayList<>();
            for (int from = 0; from < ids.size(); from += ORGANIZATIONS_PER_QUERY) {
                found.addAll(m.listActiveAndDeniedByOrganizations(
                        ids.subList(from, Math.min(ids.size(), from + ORGANIZATIONS_PER_QUERY))));
            }
            return found;
        });
        return rows.stream().map(MyBatisTrustedKeyRepository::toDomain)
                .sorted(Comparator.comparing(TrustedKey::addedAt))
                .toList();
    }

    @Override
    public boolean markRevoked(TrustedKeyId id, Revocation revocation) {
        Objects.requireNonNull(revocation, "revocation");
        return transactions.withSession(session -> {
            boolean revoked = session.getMapper(TrustedKeyMapper.class).markRevoked(id.value(),
                    revocation.reason().label(), revocation.effectiveAt(), revocation.recordedAt()) == 1;
            if (revoked) {
                version.advance(session);
            }
            return revoked;
        });
    }

    @Override
    public boolean widenRevocation(TrustedKeyId id, Revocation current, Revocation wider) {
        Objects.requireNonNull(current, "current revocation");
        Objects.requireNonNull(wider, "wider revocation");
        return transactions.withSession(session -> {
            boolean revoked = session.getMapper(TrustedKeyMapper.class).widenRevocation(id.value(),
                    current.reason().label(), current.effectiveAt(), wider.reason().label(), wider.effectiveAt(),
                    wider.recordedAt()) == 1;
            if (revoked) {
                version.advance(session);
            }
            return revoked;
        });
    }

    private static TrustedKey toDomain(TrustedKeyRow row) {
        return new TrustedKey(new TrustedKeyId(row.id()), new OrganizationId(row.orgId()),
                new Ed25519PublicKey(row.publicKey()), Optional.ofNullable(row.label()), row.addedAt(),
                new ValidityWindow(Optional.ofNullable(row.notBefore()), Optional.ofNullable(row.notAfter())),
                Optional.ofNullable(row.revokedAt()).map(recordedAt -> new Revocation(
                        RevocationReason.parse(row.revocationReason()), row.revocationEffectiveAt(), recordedAt)));
    }
}
