package dev.signet.adapters.oidc;

import dev.signet.domain.principal.ClaimRule;
import dev.signet.domain.principal.CertificateRule;
import dev.signet.domain.principal.IdentityRules;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The service's identity configuration: trusted OIDC issuers (with their claim rules) and client certificate rules. */
public record IdentityConfig(List<OidcProvider> providers, List<CertificateRule> certificateRules) {
    public IdentityConfig {
        providers = List.copyOf(providers);
        certificateRules = List.copyOf(certificateRules);
    }

    public static IdentityConfig none() {
        return new IdentityConfig(List.of(), List.of());
    }

    /** The rules, for the application's authentication service. */
    public IdentityRules rules() {
        Map<String, List<ClaimRule>> byIssuer = new LinkedHashMap<>();
        providers.forEach(provider -> byIssuer.put(provider.issuer(), provider.rules()));
        return new IdentityRules(byIssuer, certificateRules);
    }
}
