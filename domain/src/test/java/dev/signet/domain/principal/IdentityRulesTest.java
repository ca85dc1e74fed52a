package dev.signet.domain.principal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signet.domain.key.KeyId;
import dev.signet.domain.organization.OrganizationId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IdentityRulesTest {
    private static final String GITHUB = "https://token.actions.githubusercontent.com";
    private final OrganizationId acme = OrganizationId.random();
    private final KeyId releaseKey = KeyId.random();
    private final IdentityRules rules = new IdentityRules(
            Map.of(GITHUB, List.of(
                    new ClaimRule(Map.of("repository", "acme/app", "ref", "refs/tags/v*"), acme, Role.SIGNER,
                            Set.of(releaseKey)),
                    new ClaimRule(Map.of("repository", "acme/*"), acme, Role.VERIFIER, Set.of()))),
            List.of(new CertificateRule(Optional.of("CN=release-bot,O=Acme"), Optional.empty(), acme, Role.SIGNER,
                            Set.of(releaseKey)),
                    new CertificateRule(Optional.empty(), Optional.of("DNS:*.ci.acme.example"), acme, Role.AUDITOR,
                            Set.of())));

    private static VerifiedIdentityToken token(String issuer, String repository, String ref) {
        return new VerifiedIdentityToken(issuer, "repo:" + repository + ":ref:" + ref,
                Map.of("repository", repository, "ref", ref, "workflow", "release"));
    }

    @Test
    void a_release_tag_of_the_right_repository_signs_with_the_release_key() {
        Principal principal = rules.principalFor(token(GITHUB, "acme/app", "refs/tags/v1.2.0"));

        assertThat(principal.kind()).isEqualTo(PrincipalKind.OIDC);
        assertThat(principal.id()).isEqualTo("repo:acme/app:ref:refs/tags/v1.2.0");
        assertThat(principal.organization()).isEqualTo(acme);
        assertThat(principal.role()).isEqualTo(Role.SIGNER);
        assertThat(principal.keyScope()).containsExactly(releaseKey);
    }

    @Test
    void the_first_rule_that_admits_decides_so_a_branch_of_the_organization_only_verifies() {
        assertThat(rules.principalFor(token(GITHUB, "acme/app", "refs/heads/main")).role()).isEqualTo(Role.VERIFIER);
    }

    @Test
    void a_valid_token_no_rule_admits_is_forbidden_not_unauthenticated() {
        assertThatThrownBy(() -> rules.principalFor(token(GITHUB, "evil/app", "refs/tags/v1.2.0")))
                .isInstanceOf(Forbidden.class).hasMessageContaining("repo:evil/app");
    }

    @Test
    void a_token_of_an_issuer_with_no_rules_is_forbidden() {
        assertThatThrownBy(() -> rules.principalFor(token("https://gitlab.example", "acme/app", "refs/tags/v1")))
                .isInstanceOf(Forbidden.class);
    }

    @Test
    void a_rule_needs_every_claim_it_names_to_be_present() {
        VerifiedIdentityToken noRef = new VerifiedIdentityToken(GITHUB, "s", Map.of("repository", "acme/app"));
        assertThat(rules.principalFor(noRef).role()).isEqualTo(Role.VERIFIER);
    }

    @Test
    void a_glob_is_anchored_at_both_ends() {
        assertThat(Glob.matches("refs/tags/v*", "refs/tags/v1")).isTrue();
        assertThat(Glob.matches("refs/tags/v*", "xrefs/tags/v1")).isFalse();
        assertThat(Glob.matches("acme/*", "acme/app/extra")).isTrue();
        assertThat(Glob.matches("*-release", "app-release")).isTrue();
        assertThat(Glob.matches("*-release", "app-release-2")).isFalse();
        assertThat(Glob.matches("a.c", "abc")).isFalse();
    }

    @Test
    void a_certificate_with_the_named_subject_is_the_release_signer() {
        Principal principal = rules.principalFor(
                new Credential.ClientCertificate("CN=release-bot,O=Acme", List.of(), "ab".repeat(32)));

        assertThat(principal.kind()).isEqualTo(PrincipalKind.CLIENT_CERTIFICATE);
        assertThat(principal.id()).isEqualTo("CN=release-bot,O=Acme");
        assertThat(principal.role()).isEqualTo(Role.SIGNER);
        assertThat(principal.keyScope()).containsExactly(releaseKey);
        assertThat(principal.actor().kind()).isEqualTo("client_certificate");
    }

    @Test
    void a_certificate_is_admitted_by_any_one_of_its_subject_alternative_names() {
        Principal principal = rules.principalFor(new Credential.ClientCertificate("CN=runner-7",
                List.of("DNS:localhost", "DNS:runner-7.ci.acme.example"), "cd".repeat(32)));

        assertThat(principal.role()).isEqualTo(Role.AUDITOR);
    }

    @Test
    void a_certificate_no_rule_admits_is_forbidden() {
        assertThatThrownBy(() -> rules.principalFor(new Credential.ClientCertificate("CN=release-bot,O=Evil",
                List.of("DNS:ci.evil.example"), "ef".repeat(32)))).isInstanceOf(Forbidden.class)
                .hasMessageContaining("CN=release-bot,O=Evil");
    }

    @Test
    void a_rule_with_both_subject_and_name_needs_both() {
        CertificateRule both = new CertificateRule(Optional.of("CN=bot"), Optional.of("DNS:bot.acme.example"), acme,
                Role.SIGNER, Set.of());
        assertThat(both.admits(new Credential.ClientCertificate("CN=bot", List.of("DNS:bot.acme.example"), "00")))
                .isTrue();
        assertThat(both.admits(new Credential.ClientCertificate("CN=bot", List.of("DNS:other"), "00"))).isFalse();
    }

    @Test
    void rules_that_would_admit_anything_are_refused_at_construction() {
        assertThatThrownBy(() -> new ClaimRule(Map.of(), acme, Role.SIGNER, Set.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CertificateRule(Optional.empty(), Optional.empty(), acme, Role.SIGNER, Set.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
