package dev.signet.domain.principal;

import dev.signet.domain.Require;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * How the service maps an identity it did not issue to a principal: claim rules per OIDC issuer and rules for
 * client certificates, each list tried in order, the first that admits deciding. An identity that is proven
 * (a valid identity token, a verified certificate) but that no rule admits is {@link Forbidden} (HTTP 403): the
 * caller is known, it may not use Signet; an identity that cannot be proven is {@link Unauthenticated} (401).
 */
public record IdentityRules(Map<String, List<ClaimRule>> claimRulesByIssuer, List<CertificateRule> certificateRules) {
    public IdentityRules {
        claimRulesByIssuer = Require.present(claimRulesByIssuer, "claim rules").entrySet().stream()
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, entry -> List.copyOf(entry.getValue())));
        certificateRules = List.copyOf(Require.present(certificateRules, "certificate rules"));
    }

    public static IdentityRules none() {
        return new IdentityRules(Map.of(), List.of());
    }

    public Principal principalFor(VerifiedIdentityToken token) {
        return claimRulesByIssuer.getOrDefault(token.issuer(), List.of()).stream()
                .filter(rule -> rule.admits(token)).findFirst()
                .map(rule -> rule.principalFor(token))
                .orElseThrow(() -> new Forbidden("no claim rule of issuer " + token.issuer()
                        + " admits the identity token of subject " + token.subject()));
    }

    public Principal principalFor(Credential.ClientCertificate certificate) {
        return certificateRules.stream().filter(rule -> rule.admits(certificate)).findFirst()
                .map(rule -> rule.principalFor(certificate))
                .orElseThrow(() -> new Forbidden("no client certificate rule admits the certificate of subject "
                        + certificate.subject()));
    }
}
