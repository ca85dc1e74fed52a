package dev.signet.adapters.oidc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signet.domain.organization.OrganizationId;
import dev.signet.domain.principal.Credential;
import dev.signet.domain.principal.Role;
import dev.signet.domain.principal.VerifiedIdentityToken;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdentityConfigFileTest {
    private static final String ORG = "7d1f4c2e-0b1a-4d5e-9f3a-2c4b6d8e0f12";
    private static final String KEY = "0f0e0d0c-0b0a-4909-8807-060504030201";

    @TempDir
    Path dir;

    private static IdentityConfig parse(String json) {
        return IdentityConfigFile.parse(json, Path.of("/etc/signet"), "identity.json");
    }

    private static String provider(String extra) {
        return "{\"oidc_providers\": [{\"issuer\": \"https://token.actions.githubusercontent.com\", \"audience\": \"signet\","
                + " \"jwks_url\": \"https://token.actions.githubusercontent.com/.well-known/jwks\"" + extra + ","
                + " \"rules\": [{\"claims\": {\"repository\": \"acme/app\", \"ref\": \"refs/tags/v*\"}, \"org\": \"" + ORG
                + "\", \"role\": \"signer\", \"keys\": [\"" + KEY + "\"]}]}]}";
    }

    @Test
    void a_full_configuration_reads_as_providers_and_rules() throws Exception {
        Path file = Files.writeString(dir.resolve("identity.json"), "{"
                + "\"oidc_providers\": [{\"issuer\": \"https://gitlab.example\", \"audience\": \"signet\","
                + " \"jwks_file\": \"gitlab-jwks.json\", \"algorithms\": [\"RS256\", \"ES256\"],"
                + " \"rules\": [{\"claims\": {\"project_path\": \"acme/app\"}, \"org\": \"" + ORG + "\", \"role\": \"verifier\"}]}],"
                + "\"client_certificates\": [{\"subject\": \"CN=release-bot,O=Acme\", \"org\": \"" + ORG + "\","
                + " \"role\": \"signer\", \"keys\": [\"" + KEY + "\"]}, {\"san\": \"DNS:*.ci.acme.example\", \"org\": \"" + ORG
                + "\", \"role\": \"auditor\"}]}");

        IdentityConfig config = IdentityConfigFile.read(file);

        OidcProvider gitlab = config.providers().get(0);
        assertThat(gitlab.issuer()).isEqualTo("https://gitlab.example");
        assertThat(gitlab.jwks()).isEqualTo(new JwksLocation.File(dir.resolve("gitlab-jwks.json")));
        assertThat(gitlab.algorithms()).containsExactlyInAnyOrder("RS256", "ES256");
        assertThat(config.rules().principalFor(new VerifiedIdentityToken("https://gitlab.example", "project:1",
                Map.of("project_path", "acme/app"))).role()).isEqualTo(Role.VERIFIER);
        assertThat(config.certificateRules()).hasSize(2);
        assertThat(config.rules().principalFor(new Credential.ClientCertificate("CN=release-bot,O=Acme", List.of(),
                "00")).keyScope()).extracting(Object::toString).containsExactly(KEY);
        assertThat(config.rules().principalFor(new Credential.ClientCertificate("CN=runner",
                List.of("DNS:r1.ci.acme.example"), "00")).role()).isEqualTo(Role.AUDITOR);
    }

    @Test
    void the_default_algorithms_are_rs256_and_es256() {
        assertThat(parse(provider("")).providers().get(0).algorithms()).containsExactlyInAnyOrder("RS256", "ES256");
    }

    @Test
    void alg_none_and_hmac_are_refused_by_name() {
        assertThatThrownBy(() -> parse(provider(", \"algorithms\": [\"none\"]"))).isInstanceOf(InvalidIdentityConfig.class)
                .hasMessage("identity.json: oidc_providers[0].algorithms none is not accepted: only asymmetric JWS "
                        + "algorithms (RS*, PS*, ES*, EdDSA), never none or HS*");
        assertThatThrownBy(() -> parse(provider(", \"algorithms\": [\"HS256\"]"))).isInstanceOf(InvalidIdentityConfig.class)
                .hasMessageContaining("HS256 is not accepted");
    }

    @Test
    void a_misspelt_field_is_an_error_that_names_it() {
        assertThatThrownBy(() -> parse(provider(", \"audiences\": [\"x\"]"))).isInstanceOf(InvalidIdentityConfig.class)
                .hasMessageContaining("oidc_providers[0].audiences is not a field here");
    }

    @Test
    void plain_http_jwks_is_refused_except_on_loopback() {
        String http = provider("").replace("\"jwks_url\": \"https://token.actions.githubusercontent.com",
                "\"jwks_url\": \"http://token.actions.githubusercontent.com");
        assertThatThrownBy(() -> parse(http)).isInstanceOf(InvalidIdentityConfig.class)
                .hasMessageContaining("oidc_providers[0].jwks_url must be https");
        String loopback = provider("").replace("\"jwks_url\": \"https://token.actions.githubusercontent.com",
                "\"jwks_url\": \"http://127.0.0.1:8080");
        assertThat(parse(loopback).providers()).hasSize(1);
    }

    @Test
    void each_invalid_value_is_named_by_its_path() {
        assertThatThrownBy(() -> parse(provider("").replace("\"role\": \"signer\"", "\"role\": \"root\"")))
                .hasMessageContaining("oidc_providers[0].rules[0].role unknown role: root");
        assertThatThrownBy(() -> parse(provider("").replace("\"org\": \"" + ORG + "\"", "\"org\": \"acme\"")))
                .hasMessageContaining("oidc_providers[0].rules[0].org must be an organization id");
        assertThatThrownBy(() -> parse(provider("").replace("\"keys\": [\"" + KEY + "\"]", "\"keys\": [\"k1\"]")))
                .hasMessageContaining("oidc_providers[0].rules[0].keys must hold key ids");
        assertThatThrownBy(() -> parse(provider("").replace("{\"repository\": \"acme/app\", \"ref\": \"refs/tags/v*\"}", "{}")))
                .hasMessageContaining("oidc_providers[0].rules[0].claims must be an object naming at least one claim");
        assertThatThrownBy(() -> parse(provider("").replace(", \"audience\": \"signet\"", "")))
                .hasMessageContaining("oidc_providers[0].audience is required");
        assertThatThrownBy(() -> parse("{\"client_certificates\": [{\"org\": \"" + ORG + "\", \"role\": \"signer\"}]}"))
                .hasMessageContaining("client_certificates[0] needs a subject, a san, or both");
        assertThatThrownBy(() -> parse("[]")).hasMessageContaining("the document must be a JSON object");
        assertThatThrownBy(() -> parse("{\"oidc_providers\": [")).hasMessageContaining("identity.json is not JSON");
    }

    @Test
    void an_issuer_named_twice_or_without_rules_or_jwks_is_refused() {
        String one = provider("");
        String twice = one.substring(0, one.length() - 2) + "," + one.substring("{\"oidc_providers\": [".length());
        assertThatThrownBy(() -> parse(twice)).hasMessageContaining("oidc_providers[1].issuer names issuer");
        assertThatThrownBy(() -> parse(one.replaceAll("\"rules\": \\[.*\\]\\}\\]\\}$", "\"rules\": []}]}")))
                .hasMessageContaining("oidc_providers[0].rules must hold at least one rule");
        assertThatThrownBy(() -> parse(one.replace("\"jwks_url\"", "\"jwks_file\": \"a.json\", \"jwks_url\"")))
                .hasMessageContaining("needs exactly one of jwks_url and jwks_file");
    }

    @Test
    void an_organization_may_be_named_and_is_resolved_once_by_the_resolver_given() throws Exception {
        Path file = Files.writeString(dir.resolve("named.json"),
                provider("").replace("\"org\": \"" + ORG + "\"", "\"org\": \"acme\""));
        List<String> asked = new java.util.ArrayList<>();
        OrganizationId acme = OrganizationId.parse(ORG);

        IdentityConfig config = IdentityConfigFile.read(file, org -> {
            asked.add(org);
            if (!org.equals("acme")) {
                throw new IllegalArgumentException("no organization is named " + org);
            }
            return acme;
        });

        assertThat(asked).containsExactly("acme");
        assertThat(config.rules().principalFor(new VerifiedIdentityToken("https://token.actions.githubusercontent.com",
                "repo:acme/app", Map.of("repository", "acme/app", "ref", "refs/tags/v1"))).organization()).isEqualTo(acme);
        Path unknown = Files.writeString(dir.resolve("unknown.json"),
                provider("").replace("\"org\": \"" + ORG + "\"", "\"org\": \"globex\""));
        assertThatThrownBy(() -> IdentityConfigFile.read(unknown, org -> {
            throw new IllegalArgumentException("no organization is named " + org);
        })).isInstanceOf(InvalidIdentityConfig.class)
                .hasMessageContaining("oidc_providers[0].rules[0].org no organization is named globex");
    }

    @Test
    void an_unreadable_file_is_an_error_that_names_it() {
        assertThatThrownBy(() -> IdentityConfigFile.read(dir.resolve("missing.json")))
                .isInstanceOf(InvalidIdentityConfig.class).hasMessageContaining("missing.json");
    }
}
