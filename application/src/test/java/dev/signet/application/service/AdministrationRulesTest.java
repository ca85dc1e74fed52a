package dev.signet.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signet.application.port.in.AdministerOrganizationUseCase;
import dev.signet.application.port.in.AdministerOrganizationUseCase.KeyBackend;
import dev.signet.application.port.in.AdministerOrganizationUseCase.NewToken;
import dev.signet.application.port.in.AuditCheckpointUseCase;
import dev.signet.application.port.in.AuditTrailAccessUseCase;
import dev.signet.application.port.in.AuditUseCase;
import dev.signet.application.port.in.ManageOrganizationsUseCase;
import dev.signet.application.port.in.ManageSigningKeysUseCase;
import dev.signet.application.port.in.ManageTokensUseCase;
import dev.signet.application.port.in.ManageTrustUseCase;
import dev.signet.application.port.out.ApiTokenRepository;
import dev.signet.application.port.out.SigningKeyRepository;
import dev.signet.application.port.out.Transactions;
import dev.signet.application.port.out.TrustedKeyRepository;
import dev.signet.domain.NotFound;
import dev.signet.domain.audit.AuditChainVerdict;
import dev.signet.domain.audit.AuditRecord;
import dev.signet.domain.key.Ed25519PublicKey;
import dev.signet.domain.key.KeyCustody;
import dev.signet.domain.key.KeyEncryptionKeyRequired;
import dev.signet.domain.key.KeyId;
import dev.signet.domain.key.KeyName;
import dev.signet.domain.key.SigningKey;
import dev.signet.domain.organization.Organization;
import dev.signet.domain.organization.OrganizationId;
import dev.signet.domain.organization.OrganizationName;
import dev.signet.domain.principal.ApiToken;
import dev.signet.domain.principal.Forbidden;
import dev.signet.domain.principal.Principal;
import dev.signet.domain.principal.PrincipalKind;
import dev.signet.domain.principal.Role;
import dev.signet.domain.principal.TokenHash;
import dev.signet.domain.principal.TokenId;
import dev.signet.domain.revocation.RevocationReason;
import dev.signet.domain.trust.TrustedKey;
import dev.signet.domain.trust.TrustedKeyId;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * The service's administration rules: an admin acts on its own organization only; a signer, verifier or auditor
 * administers nothing; only an auditor reads the audit trail. A refused call reaches no use case.
 */
class AdministrationRulesTest {
    private final Organization acme = new Organization(OrganizationId.random(), new OrganizationName("acme"), Instant.EPOCH);
    private final Organization other = new Organization(OrganizationId.random(), new OrganizationName("other"), Instant.EPOCH);
    private final SigningKey acmeKey = key(acme.id());
    private final SigningKey otherKey = key(other.id());
    private final TrustedKey otherTrusted = new TrustedKey(TrustedKeyId.random(), other.id(),
            new Ed25519PublicKey(new byte[32]), Optional.empty(), Instant.EPOCH, Optional.empty());
    private final ApiToken otherToken = new ApiToken(TokenId.random(), Optional.empty(), other.id(), Role.SIGNER,
            Set.of(), Instant.EPOCH, Optional.empty(), Optional.empty(), new TokenHash("0".repeat(64)));
    private static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");
    /** An admin token of acme that expires a minute from NOW. */
    private final ApiToken expiring = new ApiToken(TokenId.random(), Optional.empty(), acme.id(), Role.ADMIN, Set.of(),
            NOW.minusSeconds(60), Optional.of(NOW.plusSeconds(60)), Optional.empty(), new TokenHash("1".repeat(64)));
    /** The use cases reached, by method name. */
    private final List<String> delegated = new ArrayList<>();
    private final AdministerOrganizationUseCase admin = new OrganizationAdministration(organizations(),
            recording(ManageSigningKeysUseCase.class), recording(ManageTrustUseCase.class),
            recording(ManageTokensUseCase.class), rows(SigningKeyRepository.class, Map.of(acmeKey.id(), acmeKey,
                    otherKey.id(), otherKey)), rows(TrustedKeyRepository.class, Map.of(otherTrusted.id(), otherTrusted)),
            rows(ApiTokenRepository.class, Map.of(otherToken.id(), otherToken, expiring.id(), expiring)), inline(),
            Optional.empty(), Clock.fixed(NOW, ZoneOffset.UTC));
    private final AuditTrailAccessUseCase audit = new AuditTrailAccess(auditLog(50),
            recording(AuditCheckpointUseCase.class), rows(SigningKeyRepository.class, Map.of(acmeKey.id(), acmeKey,
                    otherKey.id(), otherKey)), inline(), Optional.empty());

    @Test
    void an_admin_administers_its_own_organization() {
        Principal p = principal(acme, Role.ADMIN);
        admin.keys(p, "acme");
        admin.createKey(p, "acme", new KeyName("release"), KeyBackend.PKCS11);
        admin.importHsmKey(p, "acme", new KeyName("adopted"), "ops-made");
        admin.key(p, acmeKey.id());
        admin.revokeKey(p, acmeKey.id(), RevocationReason.RETIRED, Optional.empty());
        admin.trustedKeys(p, "acme");
        admin.trustKey(p, acme.id().toString(), new byte[32], Optional.empty());
        admin.grants(p, "acme");
        admin.grant(p, "acme", "other"); // the parent is the admin's organization; the child is any
        admin.revokeGrant(p, "acme", "other");
        admin.tokens(p, "acme");
        admin.createToken(p, "acme", new NewToken(Role.ADMIN, Set.of(), Optional.empty(), Optional.empty()));
        assertThat(delegated).containsExactly("list", "createHsmKey", "importHsmKey", "revoke", "listTrustedKeys",
                "trustPublicKey", "listTrustAcls", "grantTrust", "revokeTrust", "list", "create");
        assertThat(admin.organization(principal(acme, Role.SIGNER), "acme")).isEqualTo(acme);
    }

    @Test
    void a_token_made_by_an_expiring_token_may_not_outlive_it() {
        Principal p = expiring.principal();
        NewToken forever = new NewToken(Role.SIGNER, Set.of(), Optional.empty(), Optional.empty());
        NewToken longer = new NewToken(Role.SIGNER, Set.of(), Optional.of(Duration.ofSeconds(61)), Optional.empty());

        assertThatThrownBy(() -> admin.createToken(p, "acme", forever)).isInstanceOf(Forbidden.class)
                .hasMessage("the calling token expires in 60 s, and a token it makes may not outlive it: ask for an "
                        + "expiry of at most that");
        assertThatThrownBy(() -> admin.createToken(p, "acme", longer)).isInstanceOf(Forbidden.class);
        assertThat(delegated).isEmpty();
        admin.createToken(p, "acme", new NewToken(Role.SIGNER, Set.of(), Optional.of(Duration.ofSeconds(60)),
                Optional.empty()));
        assertThat(delegated).containsExactly("create");
    }

    @Test
    void an_admin_of_one_organization_cannot_touch_another() {
        Principal p = principal(acme, Role.ADMIN);
        List<Runnable> calls = List.of(
                () -> admin.organization(p, "other"),
                () -> admin.keys(p, "other"),
                () -> admin.createKey(p, "other", new KeyName("k"), KeyBackend.SOFTWARE),
                () -> admin.importHsmKey(p, "other", new KeyName("k"), "label"),
                () -> admin.key(p, otherKey.id()),
                () -> admin.revokeKey(p, otherKey.id(), RevocationReason.COMPROMISED, Optional.empty()),
                () -> admin.trustedKeys(p, "other"),
                () -> admin.trustKey(p, "other", new byte[32], Optional.empty()),
                () -> admin.revokeTrustedKey(p, otherTrusted.id(), RevocationReason.COMPROMISED, Optional.empty()),
                () -> admin.grants(p, "other"),
                () -> admin.grant(p, "other", "acme"), // acme may not make other trust acme's keys
                () -> admin.revokeGrant(p, "other", "acme"),
                () -> admin.tokens(p, "other"),
                () -> admin.createToken(p, "other", new NewToken(Role.SIGNER, Set.of(), Optional.empty(), Optional.empty())),
                () -> admin.revokeToken(p, otherToken.id()));
        calls.forEach(call -> assertThatThrownBy(call::run).isInstanceOf(Forbidden.class));
        assertThat(delegated).isEmpty();
    }

    @Test
    void a_signer_verifier_or_auditor_administers_nothing_even_in_its_own_organization() {
        for (Role role : List.of(Role.SIGNER, Role.VERIFIER, Role.AUDITOR)) {
            Principal p = principal(acme, role);
            List<Runnable> calls = List.of(
                    () -> admin.keys(p, "acme"),
                    () -> admin.createKey(p, "acme", new KeyName("k"), KeyBackend.PKCS11),
                    () -> admin.importHsmKey(p, "acme", new KeyName("k"), "label"),
                    () -> admin.key(p, acmeKey.id()),
                    () -> admin.revokeKey(p, acmeKey.id(), RevocationReason.RETIRED, Optional.empty()),
                    () -> admin.trustedKeys(p, "acme"),
                    () -> admin.trustKey(p, "acme", new byte[32], Optional.empty()),
                    () -> admin.grants(p, "acme"),
                    () -> admin.grant(p, "acme", "other"),
                    () -> admin.tokens(p, "acme"),
                    () -> admin.createToken(p, "acme", new NewToken(Role.SIGNER, Set.of(), Optional.empty(),
                            Optional.empty())));
            calls.forEach(call -> assertThatThrownBy(call::run).as(role.wireName()).isInstanceOf(Forbidden.class)
                    .hasMessageContaining("admin role"));
        }
        assertThat(delegated).isEmpty();
    }

    @Test
    void an_admin_cannot_issue_a_token_with_more_rights_than_its_own() {
        assertThatThrownBy(() -> admin.createToken(principal(acme, Role.ADMIN), "acme",
                new NewToken(Role.AUDITOR, Set.of(), Optional.empty(), Optional.empty())))
                .isInstanceOf(Forbidden.class).hasMessageContaining("auditor");
        assertThat(delegated).isEmpty();
    }

    @Test
    void a_software_key_needs_the_services_kek_and_unknown_ids_are_not_found() {
        Principal p = principal(acme, Role.ADMIN);
        assertThatThrownBy(() -> admin.createKey(p, "acme", new KeyName("k"), KeyBackend.SOFTWARE))
                .isInstanceOf(KeyEncryptionKeyRequired.class);
        assertThatThrownBy(() -> admin.key(p, KeyId.random())).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> admin.revokeToken(p, TokenId.random())).isInstanceOf(NotFound.class);
    }

    @Test
    void only_an_auditor_reads_and_verifies_the_audit_trail_page_by_page() {
        Principal auditor = principal(acme, Role.AUDITOR);
        assertThat(audit.events(auditor, 0, 20)).extracting(AuditRecord::position)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, 20).boxed().toList());
        assertThat(audit.events(auditor, 40, 20)).extracting(AuditRecord::position)
                .containsExactlyElementsOf(LongStream.rangeClosed(41, 50).boxed().toList());
        assertThat(audit.verify(auditor).isWhole()).isTrue();
        assertThatThrownBy(() -> audit.events(auditor, 0, AuditTrailAccessUseCase.MAX_PAGE + 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> audit.checkpoint(auditor, otherKey.id())).isInstanceOf(Forbidden.class);
        audit.checkpoint(auditor, acmeKey.id());
        assertThat(delegated).containsExactly("checkpoint", "encode");
        for (Role role : List.of(Role.ADMIN, Role.SIGNER, Role.VERIFIER)) {
            Principal p = principal(acme, role);
            List<Runnable> calls = List.<Runnable>of(() -> audit.events(p, 0, 10), () -> audit.verify(p),
                    () -> audit.checkpoint(p, acmeKey.id()));
            calls.forEach(call -> assertThatThrownBy(call::run).as(role.wireName()).isInstanceOf(Forbidden.class));
        }
        assertThat(delegated).hasSize(2);
    }

    private static Principal principal(Organization organization, Role role) {
        return new Principal(PrincipalKind.TOKEN, TokenId.random().toString(), organization.id(), role, Set.of());
    }

    private static SigningKey key(OrganizationId organization) {
        return new SigningKey(KeyId.random(), organization, new KeyName("k"), new Ed25519PublicKey(new byte[32]),
                new KeyCustody.Hsm("token", new byte[] {1}), Instant.EPOCH, Optional.empty());
    }

    private ManageOrganizationsUseCase organizations() {
        return new ManageOrganizationsUseCase() {
            @Override
            public Organization create(OrganizationName name) {
                throw new AssertionError("administration creates no organization");
            }

            @Override
            public List<Organization> list() {
                return List.of(acme, other);
            }

            @Override
            public Organization resolve(String idOrName) {
                return list().stream().filter(o -> o.name().value().equals(idOrName) || o.id().toString().equals(idOrName))
                        .findFirst().orElseThrow(() -> new NotFound("no organization " + idOrName));
            }
        };
    }

    /** A use case that records each call and answers with an empty list, a default value or null. */
    private <T> T recording(Class<T> type) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            if (method.isDefault()) {
                return java.lang.reflect.InvocationHandler.invokeDefault(proxy, method, args);
            }
            delegated.add(method.getName());
            return method.getReturnType() == List.class ? List.of() : method.getReturnType() == String.class ? "" : null;
        }));
    }

    /** A repository whose findById answers from {@code rows}; anything else is not for this test. */
    private static <T> T rows(Class<T> type, Map<?, ?> rows) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            if (method.getName().equals("findById")) {
                return Optional.ofNullable(rows.get(args[0]));
            }
            throw new AssertionError("administration reads its rules' rows only, not " + method.getName());
        }));
    }

    private static AuditUseCase auditLog(int records) {
        List<AuditRecord> chain = new ArrayList<>();
        for (int i = 1; i <= records; i++) {
            chain.add(new AuditRecord(i, "test.event", Instant.EPOCH, "{}", "0".repeat(64), "1".repeat(64)));
        }
        return new AuditUseCase() {
            @Override
            public List<AuditRecord> list(Optional<String> eventType, Optional<Instant> since) {
                return chain;
            }

            @Override
            public AuditChainVerdict verify() {
                return AuditChainVerdict.whole(chain.size());
            }
        };
    }

    private static Transactions inline() {
        return new Transactions() {
            @Override
            public <T> T inTransaction(Supplier<T> work) {
                return work.get();
            }
        };
    }
}
