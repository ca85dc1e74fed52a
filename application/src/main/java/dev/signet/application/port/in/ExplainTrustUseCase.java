package dev.signet.application.port.in;

import dev.signet.domain.key.KeyFingerprint;
import dev.signet.domain.organization.OrganizationId;
import dev.signet.domain.trust.TrustExplanation;

public interface ExplainTrustUseCase {
    /**
     * Why the organization trusts the key (the shortest path that counts), or why not: the denies in the way
     * when there are any, else that nobody it reaches trusts the key.
     */
    TrustExplanation explain(OrganizationId organization, KeyFingerprint fingerprint);
}
