package dev.signet.archfixture.violations.adapters.oidc;

import dev.signet.archfixture.violations.adapters.audit.JwtParsingAudit;

/** Violation: the identity adapter depends on another adapter. */
public class IdentityAdapterThatWritesAudit {
    private final JwtParsingAudit audit = new JwtParsingAudit();

    public Object audit() {
        return audit;
    }
}
