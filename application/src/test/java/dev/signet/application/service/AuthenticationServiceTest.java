package dev.signet.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signet.application.port.in.AuthenticateUseCase;
import dev.signet.application.port.out.IdentityTokenVerifier;
import dev.signet.domain.organization.OrganizationId;
import dev.signet.domain.principal.CertificateRule;
import dev.signet.domain.principal.ClaimRule;
import dev.signet.domain.principal.Credential;
import dev.signet.domain.principal.Forbidden;
import dev.signet.domain.principal.IdentityRules;
import dev.signet.domain.principal.Principal;
import dev.signet.domain.principal.PrincipalKind;
import dev.signet.domain.principal.Role;
import dev.signet.domain.principal.Unauthenticated;
import dev.signet.domain.principal.VerifiedIdentityToken;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AuthenticationServiceTest {
    private static final String ISSUER = "https://ci.example";
    private static final String JWT = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl";
    private final OrganizationId acme = OrganizationId.random();
    private final List<String> tokensLookedUp = new ArrayList<>();
    private final List<String> tokensVerified = new ArrayList<>();

    private final AuthenticateUseCase signetTokens = credential -> {
        String value = ((Credential.BearerToken) credential).value();
        tokensLookedUp.add(value);
        if (!value.equals("sgt_good")) {
            throw new Unauthenticated("unknown, expired or revoked token");
        }
        return new Principal(PrincipalKind.TOKEN, "tok_1", acme, Role.ADMIN, Set.of());
    };

    private final IdentityTokenVerifier oidc = token -> {
        tokensVerified.add(token);
        return new VerifiedIdentityToken(ISSUER, "repo:acme/app", Map.of("repository", "acme/app"));
    };

    private final IdentityRules rules = new IdentityRules(
            Map.of(ISSUER, List.of(new ClaimRule(Map.of("repository", "acme/app"), acme, Role.SIGNER, Set.of()))),
            List.of(new CertificateRule(Optional.of("CN=bot"), Optional.empty(), acme, Role.VERIFIER, Set.of())));

    private final AuthenticationService service = new AuthenticationService(signetTokens, Optional.of(oidc), rules);

    @Test
    void a_signet_token_is_looked_up_and_never_shown_to_the_oidc_verifier() {
        assertThat(service.authenticate(new Credential.BearerToken("sgt_good")).kind()).isEqualTo(PrincipalKind.TOKEN);
        assertThat(tokensLookedUp).containsExactly("sgt_good");
        assertThat(tokensVerified).isEmpty();
    }

    @Test
    void a_jwt_goes_to_the_oidc_verifier_and_the_claim_rules() {
        Principal principal = service.authenticate(new Credential.BearerToken(JWT));

        assertThat(principal.kind()).isEqualTo(PrincipalKind.OIDC);
        assertThat(principal.role()).isEqualTo(Role.SIGNER);
        assertThat(tokensVerified).containsExactly(JWT);
        assertThat(tokensLookedUp).isEmpty();
    }

    @Test
    void a_client_certificate_goes_to_the_certificate_rules() {
        assertThat(service.authenticate(new Credential.ClientCertificate("CN=bot", List.of(), "00")).role())
                .isEqualTo(Role.VERIFIER);
        assertThatThrownBy(() -> service.authenticate(new Credential.ClientCertificate("CN=other", List.of(), "00")))
                .isInstanceOf(Forbidden.class);
    }

    @Test
    void an_unknown_token_is_unauthenticated() {
        assertThatThrownBy(() -> service.authenticate(new Credential.BearerToken("sgt_bad")))
                .isInstanceOf(Unauthenticated.class).hasMessageNotContaining("sgt_bad");
    }

    @Test
    void a_jwt_without_a_configured_identity_provider_is_unauthenticated() {
        AuthenticationService tokensOnly = new AuthenticationService(signetTokens, Optional.empty(), IdentityRules.none());
        assertThatThrownBy(() -> tokensOnly.authenticate(new Credential.BearerToken(JWT)))
                .isInstanceOf(Unauthenticated.class).hasMessageNotContaining(JWT);
        assertThat(tokensLookedUp).isEmpty();
    }

    @Test
    void only_a_compact_jws_shape_counts_as_a_jwt() {
        assertThat(AuthenticationService.looksLikeJwt(JWT)).isTrue();
        assertThat(AuthenticationService.looksLikeJwt("sgt_abc.def.ghi")).isFalse();
        assertThat(AuthenticationService.looksLikeJwt("eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.")).isTrue();
        assertThat(AuthenticationService.looksLikeJwt("eyJabc.def")).isFalse();
    }
}
