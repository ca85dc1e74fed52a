package dev.signet.domain.principal;

import dev.signet.domain.Require;
import dev.signet.domain.key.KeyId;
import dev.signet.domain.organization.OrganizationId;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * A Signet API token as stored: who it makes its bearer (organization, role, key scope: empty means every key of
 * the organization), until when, and the hash of its secret. It never holds the secret itself.
 */
public record ApiToken(TokenId id, Optional<TokenName> name, OrganizationId organization, Role role,
        Set<KeyId> keyScope, Instant createdAt, Optional<Instant> expiresAt, Optional<Instant> revokedAt,
        TokenHash hash) {

    public ApiToken {
        Require.present(id, "token id");
        Require.present(name, "token name");
        Require.present(organization, "token's organization");
        Require.present(role, "role");
        keyScope = Set.copyOf(Require.present(keyScope, "key scope"));
        Require.present(createdAt, "created at");
        Require.present(expiresAt, "expires at");
        Require.present(revokedAt, "revoked at");
        Require.present(hash, "token hash");
        if (!keyScope.isEmpty() && role != Role.SIGNER) {
            throw new IllegalArgumentException("only a signer token is scoped to keys, not a " + role.wireName());
        }
        if (expiresAt.isPresent() && !expiresAt.get().isAfter(createdAt)) {
            throw new IllegalArgumentException("a token must expire after it was created");
        }
    }

    /** Whether a request at {@code now} may use this token: not revoked, not expired. */
    public boolean isValidAt(Instant now) {
        return revokedAt.isEmpty() && expiresAt.map(now::isBefore).orElse(true);
    }

    public boolean isRevoked() {
        return revokedAt.isPresent();
    }

    public ApiToken revokedAt(Instant when) {
        return new ApiToken(id, name, organization, role, keyScope, createdAt, expiresAt, Optional.of(when), hash);
    }

    /** The principal a valid token's bearer is; its id is the token id. */
    public Principal principal() {
        return new Principal(PrincipalKind.TOKEN, id.toString(), organization, role, keyScope);
    }
}
