package dev.signet.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signet.application.port.in.ManageTokensUseCase;
import dev.signet.application.port.out.ApiTokenRepository;
import dev.signet.application.port.out.OrganizationRepository;
import dev.signet.application.port.out.SigningKeyRepository;
import dev.signet.application.port.out.TokenSecrets;
import dev.signet.application.port.out.Transactions;
import dev.signet.domain.NotFound;
import dev.signet.domain.audit.AuditEvent;
import dev.signet.domain.key.KeyCustody;
import dev.signet.domain.key.KeyId;
import dev.signet.domain.key.KeyName;
import dev.signet.domain.key.Ed25519PublicKey;
import dev.signet.domain.key.SigningKey;
import dev.signet.domain.organization.Organization;
import dev.signet.domain.organization.OrganizationId;
import dev.signet.domain.organization.OrganizationName;
import dev.signet.domain.principal.ApiToken;
import dev.signet.domain.principal.Credential;
import dev.signet.domain.principal.Principal;
import dev.signet.domain.principal.Role;
import dev.signet.domain.principal.TokenHash;
import dev.signet.domain.principal.TokenId;
import dev.signet.domain.principal.Unauthenticated;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class TokenServiceTest {
    private final OrganizationId acme = OrganizationId.random();
    private final OrganizationId other = OrganizationId.random();
    private final SigningKey otherKey = new SigningKey(KeyId.random(), other, new KeyName("theirs"),
            new Ed25519PublicKey(new byte[32]), new KeyCustody.Hsm("token", new byte[] {1}), Instant.EPOCH,
            Optional.empty());
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-02T05:00:00Z"));
    private final InMemoryTokens tokens = new InMemoryTokens();
    private final Fakes.RecordingAuditTrail audit = new Fakes.RecordingAuditTrail();
    private final TokenService service = new TokenService(tokens, organizations(), signingKeys(), new CountingSecrets(),
            inline(), audit, clock);

    @Test
    void an_expired_token_is_refused_from_the_instant_it_expires() {
        ManageTokensUseCase.IssuedToken issued = service.create(new ManageTokensUseCase.Create(acme, Role.SIGNER,
                Set.of(), Optional.of(Duration.ofHours(1)), Optional.empty()));
        clock.now = clock.now.plus(Duration.ofMinutes(59));
        Principal principal = service.authenticate(new Credential.BearerToken(issued.secret()));
        assertThat(principal.organization()).isEqualTo(acme);
        assertThat(principal.role()).isEqualTo(Role.SIGNER);
        clock.now = clock.now.plus(Duration.ofMinutes(1));
        assertThatThrownBy(() -> service.authenticate(new Credential.BearerToken(issued.secret())))
                .isInstanceOf(Unauthenticated.class).hasMessageContaining("expired");
    }

    @Test
    void a_revoked_token_is_refused_at_its_next_request_and_revoking_again_records_nothing() {
        ManageTokensUseCase.IssuedToken issued = service.create(new ManageTokensUseCase.Create(acme, Role.VERIFIER,
                Set.of(), Optional.empty(), Optional.empty()));
        service.authenticate(new Credential.BearerToken(issued.secret()));
        service.revoke(issued.token().id());
        service.revoke(issued.token().id());
        assertThatThrownBy(() -> service.authenticate(new Credential.BearerToken(issued.secret())))
                .isInstanceOf(Unauthenticated.class).hasMessageContaining("revoked");
        assertThat(audit.events).extracting(AuditEvent::eventType).containsExactly("token.created", "token.revoked");
    }

    @Test
    void the_secret_is_in_no_record_no_stored_token_and_no_tostring() {
        ManageTokensUseCase.IssuedToken issued = service.create(new ManageTokensUseCase.Create(acme, Role.ADMIN,
                Set.of(), Optional.empty(), Optional.empty()));
        assertThat(issued.toString()).doesNotContain(issued.secret());
        assertThat(tokens.byId.values().toString()).doesNotContain(issued.secret());
        assertThat(audit.events.toString()).doesNotContain(issued.secret()).doesNotContain(issued.token().hash().hex());
    }

    @Test
    void a_signer_is_never_scoped_to_another_organizations_key_nor_an_unknown_one() {
        assertThatThrownBy(() -> service.create(new ManageTokensUseCase.Create(acme, Role.SIGNER,
                Set.of(otherKey.id()), Optional.empty(), Optional.empty())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("another organization");
        assertThatThrownBy(() -> service.create(new ManageTokensUseCase.Create(acme, Role.SIGNER,
                Set.of(KeyId.random()), Optional.empty(), Optional.empty()))).isInstanceOf(NotFound.class);
        assertThat(tokens.byId).isEmpty();
        assertThat(audit.events).isEmpty();
    }

    @Test
    void anything_but_a_known_signet_token_is_unauthenticated() {
        assertThatThrownBy(() -> service.authenticate(new Credential.BearerToken("signet_unknown")))
                .isInstanceOf(Unauthenticated.class);
        assertThatThrownBy(() -> service.authenticate(new Credential.BearerToken("eyJhbGciOi.jwt.x")))
                .isInstanceOf(Unauthenticated.class);
    }

    private OrganizationRepository organizations() {
        Map<OrganizationId, Organization> known = Map.of(acme, new Organization(acme, new OrganizationName("acme"),
                Instant.EPOCH), other, new Organization(other, new OrganizationName("other"), Instant.EPOCH));
        return partial(OrganizationRepository.class, (method, args) -> method.equals("findById")
                ? Optional.ofNullable(known.get((OrganizationId) args[0])) : null);
    }

    private SigningKeyRepository signingKeys() {
        return partial(SigningKeyRepository.class, (method, args) -> method.equals("findById")
                ? Optional.of(otherKey).filter(key -> key.id().equals(args[0])) : null);
    }

    private static Transactions inline() {
        return new Transactions() {
            @Override
            public <T> T inTransaction(Supplier<T> work) {
                return work.get();
            }
        };
    }

    interface Answer {
        Object answer(String method, Object[] args);
    }

    @SuppressWarnings("unchecked")
    private static <T> T partial(Class<T> type, Answer answer) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            Object result = answer.answer(method.getName(), args);
            if (result == null) {
                throw new UnsupportedOperationException(method.getName());
            }
            return result;
        });
    }

    private static final class CountingSecrets implements TokenSecrets {
        private int next;

        @Override
        public NewSecret generate() {
            String secret = "signet_secret" + next++;
            return new NewSecret(secret, hash(secret));
        }

        @Override
        public TokenHash hash(String presentedSecret) {
            byte[] bytes = new byte[32];
            byte[] text = presentedSecret.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            System.arraycopy(text, 0, bytes, 0, Math.min(32, text.length));
            return new TokenHash(HexFormat.of().formatHex(bytes));
        }
    }

    private static final class InMemoryTokens implements ApiTokenRepository {
        final Map<TokenId, ApiToken> byId = new LinkedHashMap<>();

        @Override
        public void add(ApiToken token) {
            byId.put(token.id(), token);
        }

        @Override
        public Optional<ApiToken> findById(TokenId id) {
            return Optional.ofNullable(byId.get(id));
        }

        @Override
        public Optional<ApiToken> findByHash(TokenHash hash) {
            return byId.values().stream().filter(token -> token.hash().equals(hash)).findFirst();
        }

        @Override
        public List<ApiToken> list(Optional<OrganizationId> organization) {
            return new ArrayList<>(byId.values());
        }

        @Override
        public boolean markRevoked(TokenId id, Instant revokedAt) {
            ApiToken token = byId.get(id);
            if (token == null || token.isRevoked()) {
                return false;
            }
            byId.put(id, token.revokedAt(revokedAt));
            return true;
        }
    }

    private static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
