package dev.signet.application.port.in;

import dev.signet.domain.Require;
import dev.signet.domain.key.KeyId;
import dev.signet.domain.organization.OrganizationId;
import dev.signet.domain.principal.ApiToken;
import dev.signet.domain.principal.Role;
import dev.signet.domain.principal.TokenId;
import dev.signet.domain.principal.TokenName;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Issue, list and revoke the service's API tokens; each issue and revocation is audited. */
public interface ManageTokensUseCase {

    /**
     * @throws dev.signet.domain.NotFound when the organization or a named key does not exist
     * @throws IllegalArgumentException when a named key belongs to another organization, or keys are named for a
     *     role other than signer
     */
    IssuedToken create(Create command);

    List<ApiToken> list(Optional<OrganizationId> organization);

    /** @throws dev.signet.domain.NotFound when there is no such token */
    ApiToken revoke(TokenId id);

    /** {@code keys} empty: a signer may sign with every key of its organization. */
    record Create(OrganizationId organization, Role role, Set<KeyId> keys, Optional<Duration> validFor,
            Optional<TokenName> name) {
        public Create {
            Require.present(organization, "organization");
            Require.present(role, "role");
            keys = Set.copyOf(Require.present(keys, "keys"));
            Require.present(validFor, "validity");
            Require.present(name, "name");
            if (validFor.filter(d -> d.isNegative() || d.isZero()).isPresent()) {
                throw new IllegalArgumentException("a token's validity must be positive");
            }
            if (!keys.isEmpty() && role != Role.SIGNER) {
                throw new IllegalArgumentException("--key scopes a signer token only, not a " + role.wireName());
            }
        }
    }

    /** The token as stored and its secret, which exists only here: it is shown once and never again. */
    record IssuedToken(ApiToken token, String secret) {
        public IssuedToken {
            Require.present(token, "token");
            Require.present(secret, "secret");
        }

        @Override
        public String toString() {
            return "IssuedToken[token=" + token.id() + ", secret=redacted]";
        }
    }
}
