package dev.signet.application.port.out;

import dev.signet.domain.organization.OrganizationId;
import dev.signet.domain.principal.ApiToken;
import dev.signet.domain.principal.TokenHash;
import dev.signet.domain.principal.TokenId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** API tokens, stored by the hash of their secret (never the secret). */
public interface ApiTokenRepository {
    void add(ApiToken token);

    Optional<ApiToken> findById(TokenId id);

    /** The token whose secret hashes to {@code hash}, revoked and expired ones included. */
    Optional<ApiToken> findByHash(TokenHash hash);

    /** Every token (empty: of every organization), oldest first, revoked ones included. */
    List<ApiToken> list(Optional<OrganizationId> organization);

    /** @return false when there is no such token or it was already revoked */
    boolean markRevoked(TokenId id, Instant revokedAt);
}
