package dev.signet.adapters.persistence.db.repository;

import dev.signet.adapters.persistence.db.mapper.TrustedTsaMapper;
import dev.signet.adapters.persistence.db.mapper.TrustedTsaRow;
import dev.signet.adapters.persistence.db.tx.MyBatisTransactions;
import dev.signet.application.port.out.TrustedTsaRepository;
import dev.signet.domain.organization.OrganizationId;
import dev.signet.domain.time.TrustedTsa;
import dev.signet.domain.time.TrustedTsaId;
import dev.signet.domain.time.TsaCertificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** Trusted TSA certificates in table {@code trusted_tsas}; revoked rows stay as history. */
public final class MyBatisTrustedTsaRepository implements TrustedTsaRepository {
    private static final int ORGANIZATIONS_PER_QUERY = 500;

    private final MyBatisTransactions transactions;

    public MyBatisTrustedTsaRepository(MyBatisTransactions transactions) {
        this.transactions = Objects.requireNonNull(transactions, "transactions");
    }

    @Override
    public void add(TrustedTsa tsa) {
        TrustedTsaRow row = new TrustedTsaRow(tsa.id().value(), tsa.organizationId().value(),
                tsa.certificate().der(), tsa.certificate().subject(), tsa.label().orElse(null), tsa.addedAt(),
                tsa.revokedAt().orElse(null));
        transactions.withSession(session -> Savepoints.attempt(session, () -> {
            try {
                session.getMapper(TrustedTsaMapper.class).insert(row);
                return null;
            } catch (RuntimeException e) {
                throw ConstraintViolation.translate(e, violation -> violation.isUnique()
                        ? "trusted TSA " + tsa.id() + " already exists"
                        : "organization " + tsa.organizationId() + " does not exist");
            }
        }));
    }

    @Override
    public Optional<TrustedTsa> findById(TrustedTsaId id) {
        return Optional.ofNullable(transactions.withMapper(TrustedTsaMapper.class, m -> m.findById(id.value())))
                .map(MyBatisTrustedTsaRepository::toDomain);
    }

    @Override
    public List<TrustedTsa> listByOrganization(OrganizationId organization) {
        return transactions.withMapper(TrustedTsaMapper.class, m -> m.listByOrganization(organization.value()))
                .stream().map(MyBatisTrustedTsaRepository::toDomain).toList();
    }

    @Override
    public List<TrustedTsa> listActiveByOrganizations(Collection<OrganizationId> organizations) {
        List<UUID> ids = new ArrayList<>(new LinkedHashSet<>(organizations.stream().map(OrganizationId::value).toList()));
        if (ids.isEmpty()) {
            return List.of();
        }
        List<TrustedTsaRow> rows = transactions.withMapper(TrustedTsaMapper.class, m -> {
            List<TrustedTsaRow> found = new ArrayList<>();
            for (int from = 0; from < ids.size(); from += ORGANIZATIONS_PER_QUERY) {
                found.addAll(m.listActiveByOrganizations(ids.subList(from, Math.min(ids.size(), from + ORGANIZATIONS_PER_QUERY))));
            }
            return found;
        });
        return rows.stream().map(MyBatisTrustedTsaRepository::toDomain)
                .sorted(Comparator.comparing(TrustedTsa::addedAt)).toList();
    }

    @Override
    public boolean markRevoked(TrustedTsaId id, Instant revokedAt) {
        Objects.requireNonNull(revokedAt, "revocation time");
        return transactions.withMapper(TrustedTsaMapper.class, m -> m.markRevoked(id.value(), revokedAt)) == 1;
    }

    private static TrustedTsa toDomain(TrustedTsaRow row) {
        return new TrustedTsa(new TrustedTsaId(row.id()), new OrganizationId(row.orgId()),
                new TsaCertificate(row.certificate(), row.subject()), Optional.ofNullable(row.label()), row.addedAt(),
                Optional.ofNullable(row.revokedAt()));
    }
}
