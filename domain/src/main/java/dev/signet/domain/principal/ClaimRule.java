package dev.signet.domain.principal;

import dev.signet.domain.Require;
import dev.signet.domain.key.KeyId;
import dev.signet.domain.organization.OrganizationId;
import java.util.Map;
import java.util.Set;

/**
 * Admits an OIDC identity token whose claims all have the values the rule names, as a principal of one
 * organization with one role and key scope. A value matches exactly, or, when it holds {@code *}, as a glob
 * ({@code *} any run of characters, none of them special otherwise): {@code refs/tags/v*}. A rule names at least
 * one claim: a rule that admits every token of an issuer is written out as {@code "sub": "*"}.
 */
public record ClaimRule(Map<String, String> claims, OrganizationId organization, Role role, Set<KeyId> keys) {
    public ClaimRule {
        claims = Map.copyOf(Require.present(claims, "claims"));
        if (claims.isEmpty()) {
            throw new IllegalArgumentException("a claim rule names at least one claim");
        }
        Require.present(organization, "organization");
        Require.present(role, "role");
        keys = Set.copyOf(Require.present(keys, "keys"));
    }

    public boolean admits(VerifiedIdentityToken token) {
        return claims.entrySet().stream().allMatch(required -> {
            String actual = token.claims().get(required.getKey());
            return actual != null && Glob.matches(required.getValue(), actual);
        });
    }

    public Principal principalFor(VerifiedIdentityToken token) {
        return new Principal(PrincipalKind.OIDC, token.subject(), organization, role, keys);
    }
}
