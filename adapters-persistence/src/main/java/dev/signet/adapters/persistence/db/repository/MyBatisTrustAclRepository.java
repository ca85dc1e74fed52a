package dev.signet.adapters.persistence.db.repository;

import dev.signet.adapters.persistence.db.mapper.TrustAclMapper;
import dev.signet.adapters.persistence.db.mapper.TrustAclRow;
import dev.signet.adapters.persistence.db.trust.TrustVersionCounter;
import dev.signet.adapters.persistence.db.tx.MyBatisTransactions;
import dev.signet.application.port.out.TrustAclRepository;
import dev.signet.domain.organization.OrganizationId;
import dev.signet.domain.trust.TrustAcl;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Trust grants in table {@code trust_acls}. At most one active grant from a parent to a child; revoked
 * grants stay as history, and a revoked grant can be made anew (a new row). Rows get their id here: the
 * domain names a grant by its parent and child.
 */
public final class MyBatisTrustAclRepository implements TrustAclRepository {
    private final MyBatisTransactions transactions;
    private final TrustVersionCounter version;

    /** @param version advanced in the transaction of every change, so trust caches see it */
    public MyBatisTrustAclRepository(MyBatisTransactions transactions, TrustVersionCounter version) {
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.version = Objects.requireNonNull(version, "trust version");
    }

    @Override
    public void add(TrustAcl acl) {
        TrustAclRow row = new TrustAclRow(UUID.randomUUID(), acl.parent().value(), acl.child().value(),
                acl.grantedAt(), acl.revokedAt().orElse(null), acl.isActive() ? Boolean.TRUE : null);
        transactions.withSession(session -> Savepoints.attempt(session, () -> {
            try {
                session.getMapper(TrustAclMapper.class).insert(row);
                version.advance(session);
                return null;
            } catch (RuntimeException e) {
                throw ConstraintViolation.translate(e, violation -> {
                    if (violation.isUnique()) {
                        return "organization " + acl.parent() + " already grants trust to " + acl.child();
                    }
                    OrganizationId missing = violation.names("fk_trust_acls_child") ? acl.child() : acl.parent();
                    return "organization " + missing + " does not exist";
                });
            }
        }));
    }

    @Override
    public List<TrustAcl> listByOrganization(OrganizationId organization) {
        return transactions.withMapper(TrustAclMapper.class, m -> m.listByOrganization(organization.value()))
                .stream().map(MyBatisTrustAclRepository::toDomain).toList();
    }

    @Override
    public List<TrustAcl> listActive() {
        return transactions.withMapper(TrustAclMapper.class, TrustAclMapper::listActive)
                .stream().map(MyBatisTrustAclRepository::toDomain).toList();
    }

    @Override
    public boolean markRevoked(OrganizationId parent, OrganizationId child, Instant revokedAt) {
        Objects.requireNonNull(revokedAt, "revocation time");
        return transactions.withSession(session -> {
            boolean revoked = session.getMapper(TrustAclMapper.class)
                    .markRevoked(parent.value(), child.value(), revokedAt) == 1;
            if (revoked) {
                version.advance(session);
            }
            return revoked;
        });
    }

    private static TrustAcl toDomain(TrustAclRow row) {
        return new TrustAcl(new OrganizationId(row.parentOrgId()), new OrganizationId(row.childOrgId()),
                row.grantedAt(), Optional.ofNullable(row.revokedAt()));
    }
}
