package dev.signet.application.service;

import dev.signet.application.port.in.AuthenticateUseCase;
import dev.signet.application.port.in.ManageTokensUseCase;
import dev.signet.application.port.out.ApiTokenRepository;
import dev.signet.application.port.out.AuditTrail;
import dev.signet.application.port.out.OrganizationRepository;
import dev.signet.application.port.out.SigningKeyRepository;
import dev.signet.application.port.out.TokenSecrets;
import dev.signet.application.port.out.Transactions;
import dev.signet.domain.NotFound;
import dev.signet.domain.audit.AuditEvent;
import dev.signet.domain.key.KeyId;
import dev.signet.domain.key.SigningKey;
import dev.signet.domain.organization.OrganizationId;
import dev.signet.domain.principal.ApiToken;
import dev.signet.domain.principal.Credential;
import dev.signet.domain.principal.Principal;
import dev.signet.domain.principal.TokenId;
import dev.signet.domain.principal.TokenName;
import dev.signet.domain.principal.Unauthenticated;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Signet's API tokens: issued with a fresh secret whose hash alone is stored, listed, revoked, and looked up on
 * every request by the hash of what the caller presents, so that a revocation or an expiry made anywhere counts
 * on every node at the next request (nothing is cached).
 */
public final class TokenService implements ManageTokensUseCase, AuthenticateUseCase {
    /** Every Signet token starts with this, so that a secret scanner (and a reader) can tell one. */
    public static final String PREFIX = "signet_";

    private final ApiTokenRepository tokens;
    private final OrganizationRepository organizations;
    private final SigningKeyRepository signingKeys;
    private final TokenSecrets secrets;
    private final Transactions transactions;
    private final AuditTrail audit;
    private final Clock clock;

    public TokenService(ApiTokenRepository tokens, OrganizationRepository organizations,
            SigningKeyRepository signingKeys, TokenSecrets secrets, Transactions transactions, AuditTrail audit,
            Clock clock) {
        this.tokens = tokens;
        this.organizations = organizations;
        this.signingKeys = signingKeys;
        this.secrets = secrets;
        this.transactions = transactions;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public IssuedToken create(Create command) {
        TokenSecrets.NewSecret secret = secrets.generate();
        return transactions.inTransaction(() -> {
            OrganizationService.requireExists(organizations, command.organization());
            for (KeyId keyId : command.keys()) {
                SigningKey key = signingKeys.findById(keyId)
                        .orElseThrow(() -> new NotFound("signing key " + keyId + " does not exist"));
                if (!key.organizationId().equals(command.organization())) {
                    throw new IllegalArgumentException("signing key " + keyId + " belongs to another organization");
                }
            }
            Instant now = Timestamps.now(clock);
            ApiToken token = new ApiToken(TokenId.random(), command.name(), command.organization(), command.role(),
                    command.keys(), now, command.validFor().map(now::plus), Optional.empty(), secret.hash());
            tokens.add(token);
            audit.record(new AuditEvent.TokenCreated(token.organization(), token.id().value(),
                    token.role().wireName(), token.name().map(TokenName::value),
                    token.keyScope().stream().sorted(Comparator.comparing(KeyId::toString)).toList(),
                    token.expiresAt()));
            return new IssuedToken(token, secret.secret());
        });
    }

    @Override
    public List<ApiToken> list(Optional<OrganizationId> organization) {
        return transactions.inTransaction(() -> {
            organization.ifPresent(org -> OrganizationService.requireExists(organizations, org));
            return tokens.list(organization);
        });
    }

    @Override
    public ApiToken revoke(TokenId id) {
        return transactions.inTransaction(() -> {
            ApiToken token = tokens.findById(id).orElseThrow(() -> new NotFound("token " + id + " does not exist"));
            if (token.isRevoked()) {
                return token; // revoking twice changes nothing and records nothing
            }
            Instant now = Timestamps.now(clock);
            tokens.markRevoked(id, now);
            audit.record(new AuditEvent.TokenRevoked(token.organization(), id.value()));
            return token.revokedAt(now);
        });
    }

    /** Only Signet tokens: other credentials (OIDC, client certificates) are another authenticator's. */
    @Override
    public Principal authenticate(Credential credential) {
        if (!(credential instanceof Credential.BearerToken bearer) || !bearer.value().startsWith(PREFIX)) {
            throw new Unauthenticated("not a Signet token");
        }
        ApiToken token = transactions.inTransaction(() -> tokens.findByHash(secrets.hash(bearer.value())))
                .orElseThrow(() -> new Unauthenticated("unknown token"));
        if (token.isRevoked()) {
            throw new Unauthenticated("token " + token.id() + " was revoked");
        }
        if (!token.isValidAt(clock.instant())) {
            throw new Unauthenticated("token " + token.id() + " has expired");
        }
        return token.principal();
    }
}
