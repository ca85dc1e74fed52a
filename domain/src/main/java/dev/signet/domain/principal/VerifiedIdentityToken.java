package dev.signet.domain.principal;

import dev.signet.domain.Require;
import java.util.Map;

/**
 * What an OIDC identity token says once its signature, issuer, audience and times have been checked: who issued
 * it, whom it names, and its claims as text (never the token itself).
 */
public record VerifiedIdentityToken(String issuer, String subject, Map<String, String> claims) {
    public VerifiedIdentityToken {
        Require.present(issuer, "issuer");
        Require.present(subject, "subject");
        claims = Map.copyOf(Require.present(claims, "claims"));
        if (subject.isBlank()) {
            throw new IllegalArgumentException("the identity token's subject is blank");
        }
    }
}
