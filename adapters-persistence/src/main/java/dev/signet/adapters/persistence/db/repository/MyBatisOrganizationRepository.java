package dev.signet.adapters.persistence.db.repository;

import dev.signet.adapters.persistence.db.mapper.OrganizationMapper;
import dev.signet.adapters.persistence.db.mapper.OrganizationRow;
import dev.signet.adapters.persistence.db.tx.MyBatisTransactions;
import dev.signet.application.port.out.OrganizationRepository;
import dev.signet.domain.organization.Organization;
import dev.signet.domain.organization.OrganizationId;
import dev.signet.domain.organization.OrganizationName;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Organizations in table {@code organizations}. Names are unique and compared case-sensitively. */
public final class MyBatisOrganizationRepository implements OrganizationRepository {
    /**
     * By name as Java compares strings, then id. Sorted here rather than by ORDER BY alone, because
     * PostgreSQL sorts text by its locale's collation and H2 by code point, and both must list alike.
     */
    private static final Comparator<Organization> BY_NAME = Comparator
            .comparing((Organization o) -> o.name().value())
            .thenComparing(o -> o.id().value());

    private final MyBatisTransactions transactions;

    public MyBatisOrganizationRepository(MyBatisTransactions transactions) {
        this.transactions = Objects.requireNonNull(transactions, "transactions");
    }

    @Override
    public void add(Organization organization) {
        OrganizationRow row = new OrganizationRow(
                organization.id().value(), organization.name().value(), organization.createdAt());
        transactions.withSession(session -> Savepoints.attempt(session, () -> {
            try {
                session.getMapper(OrganizationMapper.class).insert(row);
                return null;
            } catch (RuntimeException e) {
                throw ConstraintViolation.translate(e, violation -> violation.names("uq_organizations_name")
                        ? "an organization named '" + organization.name() + "' already exists"
                        : "organization " + organization.id() + " already exists");
            }
        }));
    }

    @Override
    public Optional<Organization> findById(OrganizationId id) {
        return Optional.ofNullable(transactions.withMapper(OrganizationMapper.class, m -> m.findById(id.value())))
                .map(MyBatisOrganizationRepository::toDomain);
    }

    @Override
    public Optional<Organization> findByName(OrganizationName name) {
        return Optional.ofNullable(transactions.withMapper(OrganizationMapper.class, m -> m.findByName(name.value())))
                .map(MyBatisOrganizationRepository::toDomain);
    }

    @Override
    public List<Organization> list() {
        return transactions.withMapper(OrganizationMapper.class, OrganizationMapper::list).stream()
                .map(MyBatisOrganizationRepository::toDomain)
                .sorted(BY_NAME)
                .toList();
    }

    private static Organization toDomain(OrganizationRow row) {
        return new Organization(new OrganizationId(row.id()), new OrganizationName(row.name()), row.createdAt());
    }
}
