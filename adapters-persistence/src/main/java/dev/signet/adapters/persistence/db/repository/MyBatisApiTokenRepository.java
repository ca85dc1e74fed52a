package dev.signet.adapters.persistence.db.repository;

import dev.signet.adapters.persistence.db.mapper.ApiTokenMapper;
import dev.signet.adapters.persistence.db.mapper.ApiTokenRow;
import dev.signet.adapters.persistence.db.tx.MyBatisTransactions;
import dev.signet.application.port.out.ApiTokenRepository;
import dev.signet.domain.key.KeyId;
import dev.signet.domain.organization.OrganizationId;
import dev.signet.domain.principal.ApiToken;
import dev.signet.domain.principal.Role;
import dev.signet.domain.principal.TokenHash;
import dev.signet.domain.principal.TokenId;
import dev.signet.domain.principal.TokenName;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** API tokens in table {@code api_tokens}: the hash of the secret, never the secret. */
public final class MyBatisApiTokenRepository implements ApiTokenRepository {
    private final MyBatisTransactions transactions;

    public MyBatisApiTokenRepository(MyBatisTransactions transactions) {
        this.transactions = Objects.requireNonNull(transactions, "transactions");
    }

    @Override
    public void add(ApiToken token) {
        ApiTokenRow row = new ApiTokenRow(token.id().value(), token.organization().value(),
                token.name().map(TokenName::value).orElse(null), token.role().wireName(),
                token.keyScope().stream().map(KeyId::toString).sorted().collect(Collectors.joining(",")),
                token.hash().hex(), token.createdAt(), token.expiresAt().orElse(null),
                token.revokedAt().orElse(null));
        transactions.withSession(session -> Savepoints.attempt(session, () -> {
            try {
                session.getMapper(ApiTokenMapper.class).insert(row);
                return null;
            } catch (RuntimeException e) {
                throw ConstraintViolation.translate(e, violation -> "token " + token.id() + " already exists");
            }
        }));
    }

    @Override
    public Optional<ApiToken> findById(TokenId id) {
        return Optional.ofNullable(transactions.withMapper(ApiTokenMapper.class, m -> m.findById(id.value())))
                .map(MyBatisApiTokenRepository::toDomain);
    }

    @Override
    public Optional<ApiToken> findByHash(TokenHash hash) {
        return Optional.ofNullable(transactions.withMapper(ApiTokenMapper.class, m -> m.findByHash(hash.hex())))
                .map(MyBatisApiTokenRepository::toDomain);
    }

    @Override
    public List<ApiToken> list(Optional<OrganizationId> organization) {
        return transactions.withMapper(ApiTokenMapper.class,
                m -> m.list(organization.map(OrganizationId::value).orElse(null))).stream()
                .map(MyBatisApiTokenRepository::toDomain).toList();
    }

    @Override
    public boolean markRevoked(TokenId id, Instant revokedAt) {
        return transactions.withMapper(ApiTokenMapper.class, m -> m.markRevoked(id.value(), revokedAt)) == 1;
    }

    private static ApiToken toDomain(ApiTokenRow row) {
        Set<KeyId> keys = row.keyIds().isEmpty() ? Set.of()
                : Arrays.stream(row.keyIds().split(",")).map(KeyId::parse).collect(Collectors.toUnmodifiableSet());
        return new ApiToken(new TokenId(row.id()), Optional.ofNullable(row.name()).map(TokenName::new),
                new OrganizationId(row.orgId()), Role.fromWireName(row.role()), keys, row.createdAt(),
                Optional.ofNullable(row.expiresAt()), Optional.ofNullable(row.revokedAt()),
                new TokenHash(row.secretHash()));
    }
}
