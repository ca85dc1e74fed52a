package dev.signet.application.port.in;

import dev.signet.domain.key.KeyFingerprint;
import dev.signet.domain.organization.OrganizationId;
import dev.signet.domain.trust.TrustPath;
import java.util.Optional;

public interface ExplainTrustUseCase {
    /** The shortest path by which the organization trusts the key, or empty when it does not. */
    Optional<TrustPath> explain(OrganizationId organization, KeyFingerprint fingerprint);
}
