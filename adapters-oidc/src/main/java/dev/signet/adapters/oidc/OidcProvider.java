package dev.signet.adapters.oidc;

import dev.signet.domain.principal.ClaimRule;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One trusted issuer of identity tokens: its {@code iss}, the audience its tokens must name for Signet, where its
 * keys are, the signature algorithms accepted (asymmetric only), and the claim rules that map its tokens to
 * principals.
 */
public record OidcProvider(String issuer, String audience, JwksLocation jwks, Set<String> algorithms,
        List<ClaimRule> rules) {
    /** What CI systems sign with (GitHub Actions and GitLab: RS256). */
    public static final Set<String> DEFAULT_ALGORITHMS = Set.of("RS256", "ES256");
    /** Asymmetric JWS algorithms: a JWKS holds public keys, so "none" and the HMAC family are never accepted. */
    public static final Set<String> ACCEPTABLE_ALGORITHMS = Set.of("RS256", "RS384", "RS512", "PS256", "PS384",
            "PS512", "ES256", "ES384", "ES512", "EdDSA", "Ed25519");

    public OidcProvider {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(audience, "audience");
        Objects.requireNonNull(jwks, "JWKS");
        algorithms = Set.copyOf(algorithms);
        rules = List.copyOf(rules);
        if (algorithms.isEmpty()) {
            throw new IllegalArgumentException("issuer " + issuer + ": at least one algorithm is required");
        }
        for (String algorithm : algorithms) {
            if (!ACCEPTABLE_ALGORITHMS.contains(algorithm)) {
                throw new IllegalArgumentException("issuer " + issuer + ": algorithm " + algorithm
                        + " is not accepted (one of " + String.join(", ", ACCEPTABLE_ALGORITHMS.stream().sorted().toList())
                        + ")");
            }
        }
    }
}
