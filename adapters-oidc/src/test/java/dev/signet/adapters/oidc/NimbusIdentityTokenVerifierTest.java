package dev.signet.adapters.oidc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.signet.domain.key.KeyId;
import dev.signet.domain.organization.OrganizationId;
import dev.signet.domain.principal.ClaimRule;
import dev.signet.domain.principal.Forbidden;
import dev.signet.domain.principal.Principal;
import dev.signet.domain.principal.PrincipalKind;
import dev.signet.domain.principal.Role;
import dev.signet.domain.principal.Unauthenticated;
import dev.signet.domain.principal.VerifiedIdentityToken;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NimbusIdentityTokenVerifierTest {
    private final OrganizationId acme = OrganizationId.random();
    private final KeyId releaseKey = KeyId.random();
    private final TestIssuer ci;
    private final IdentityConfig config;
    private final NimbusIdentityTokenVerifier verifier;

    NimbusIdentityTokenVerifierTest() throws Exception {
        ci = new TestIssuer();
        config = new IdentityConfig(List.of(new OidcProvider(ci.issuer(), TestIssuer.AUDIENCE,
                new JwksLocation.Url(ci.jwksUrl()), Set.of("RS256"),
                List.of(new ClaimRule(Map.of("repository", "acme/app", "ref", "refs/tags/v*"), acme, Role.SIGNER,
                        Set.of(releaseKey))))), List.of());
        verifier = new NimbusIdentityTokenVerifier(config.providers(), Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        ci.close();
    }

    private Principal principalFor(String token) {
        return config.rules().principalFor(verifier.verify(token));
    }

    /** Refused as unauthenticated, and the token is in neither the message nor anything the stack trace prints. */
    private Unauthenticated refused(String token) {
        Throwable thrown = catchThrowable(() -> verifier.verify(token));
        assertThat(thrown).isInstanceOf(Unauthenticated.class);
        StringWriter trace = new StringWriter();
        thrown.printStackTrace(new PrintWriter(trace));
        for (String part : token.split("\\.")) {
            if (part.length() >= 8) {
                assertThat(trace.toString()).as("the stack trace of a refusal").doesNotContain(part);
            }
        }
        assertThat(thrown.getCause()).isNull();
        return (Unauthenticated) thrown;
    }

    @Test
    void a_token_with_the_right_claims_is_the_release_signer_of_its_organization() throws Exception {
        String token = ci.mint(ci.claims("acme/app", "refs/tags/v1.4.0").build());

        VerifiedIdentityToken verified = verifier.verify(token);
        Principal principal = config.rules().principalFor(verified);

        assertThat(verified.claims()).containsEntry("repository", "acme/app").containsEntry("workflow", "release");
        assertThat(principal.kind()).isEqualTo(PrincipalKind.OIDC);
        assertThat(principal.id()).isEqualTo("repo:acme/app:ref:refs/tags/v1.4.0");
        assertThat(principal.organization()).isEqualTo(acme);
        assertThat(principal.role()).isEqualTo(Role.SIGNER);
        assertThat(principal.keyScope()).containsExactly(releaseKey);
        assertThat(ci.jwksFetches.get()).isPositive();
    }

    @Test
    void a_valid_token_of_another_repository_is_forbidden() throws Exception {
        String token = ci.mint(ci.claims("evil/app", "refs/tags/v1.4.0").build());

        Throwable thrown = catchThrowable(() -> principalFor(token));

        assertThat(thrown).isInstanceOf(Forbidden.class).hasMessageContaining("repo:evil/app");
        assertThat(thrown.getMessage()).doesNotContain(token.split("\\.")[2]);
    }

    @Test
    void an_expired_token_is_refused() throws Exception {
        Instant past = Instant.now().minusSeconds(3600);
        String token = ci.mint(ci.claims("acme/app", "refs/tags/v1").issueTime(Date.from(past.minusSeconds(600)))
                .notBeforeTime(Date.from(past.minusSeconds(600))).expirationTime(Date.from(past)).build());

        assertThat(refused(token)).hasMessageContaining("Expired");
    }

    @Test
    void a_token_not_yet_valid_is_refused() throws Exception {
        String token = ci.mint(ci.claims("acme/app", "refs/tags/v1")
                .notBeforeTime(Date.from(Instant.now().plusSeconds(600))).build());

        refused(token);
    }

    @Test
    void a_token_issued_in_the_future_is_refused() throws Exception {
        String token = ci.mint(ci.claims("acme/app", "refs/tags/v1")
                .issueTime(Date.from(Instant.now().plusSeconds(600))).build());

        assertThat(refused(token)).hasMessageContaining("issued in the future");
    }

    @Test
    void a_token_for_another_audience_is_refused() throws Exception {
        String token = ci.mint(ci.claims("acme/app", "refs/tags/v1").audience("someone-else").build());

        assertThat(refused(token)).hasMessageContaining("aud claim rejected");
    }

    @Test
    void a_token_of_an_unconfigured_issuer_is_refused() throws Exception {
        String token = ci.mint(ci.claims("acme/app", "refs/tags/v1").issuer("https://evil.example").build());

        assertThat(refused(token)).hasMessageContaining("https://evil.example").hasMessageContaining("not configured");
    }

    @Test
    void a_token_signed_by_a_key_not_in_the_issuer_s_jwks_is_refused() throws Exception {
        RSAKey impostor = new RSAKeyGenerator(2048).keyID("ci-key-1").generate();
        String token = TestIssuer.mint(ci.claims("acme/app", "refs/tags/v1").build(), impostor);

        refused(token);
    }

    @Test
    void a_token_whose_claims_were_changed_after_signing_is_refused() throws Exception {
        String[] parts = ci.mint(ci.claims("evil/app", "refs/tags/v1").build()).split("\\.");
        String forgedClaims = Base64URL.encode(ci.claims("acme/app", "refs/tags/v1").build().toString()
                .getBytes(StandardCharsets.UTF_8)).toString();

        refused(parts[0] + "." + forgedClaims + "." + parts[2]);
    }

    @Test
    void an_unsigned_alg_none_token_is_refused() throws Exception {
        String token = new PlainJWT(ci.claims("acme/app", "refs/tags/v1").build()).serialize();

        assertThat(refused(token)).hasMessageContaining("not signed");
    }

    @Test
    void a_token_signed_with_hmac_over_the_public_key_is_refused() throws Exception {
        // the classic confusion attack: HS256 keyed with bytes the attacker knows
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("ci-key-1").build(),
                ci.claims("acme/app", "refs/tags/v1").build());
        jwt.sign(new MACSigner(ci.key.toRSAPublicKey().getEncoded().length >= 32
                ? java.util.Arrays.copyOf(ci.key.toRSAPublicKey().getEncoded(), 64) : new byte[64]));

        refused(jwt.serialize());
    }

    @Test
    void a_token_without_a_subject_is_refused() throws Exception {
        String token = ci.mint(ci.claims("acme/app", "refs/tags/v1").subject(null).build());

        refused(token);
    }

    @Test
    void what_is_not_a_jwt_at_all_is_refused() {
        refused("eyJhbGciOiJSUzI1NiJ9.bm90IGpzb24.c2lnbmF0dXJlLWJ5dGVz");
        refused("eyJub3QgYSBqd3Q");
    }

    @Test
    void keys_can_come_from_a_jwks_file(@TempDir Path dir) throws Exception {
        Path jwks = Files.writeString(dir.resolve("jwks.json"),
                new com.nimbusds.jose.jwk.JWKSet(ci.key.toPublicJWK()).toString());
        NimbusIdentityTokenVerifier fromFile = new NimbusIdentityTokenVerifier(List.of(new OidcProvider(ci.issuer(),
                TestIssuer.AUDIENCE, new JwksLocation.File(jwks), Set.of("RS256"), List.of())), Clock.systemUTC());

        assertThat(fromFile.verify(ci.mint(ci.claims("acme/app", "refs/tags/v1").build())).subject())
                .isEqualTo("repo:acme/app:ref:refs/tags/v1");
    }
}
