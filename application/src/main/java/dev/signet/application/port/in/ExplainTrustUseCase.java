package dev.signet.application.port.in;

import dev.signet.domain.Require;
import dev.signet.domain.key.KeyFingerprint;
import dev.signet.domain.organization.OrganizationId;
import dev.signet.domain.time.TimeBasis;
import dev.signet.domain.trust.TrustExplanation;
import java.time.Instant;
import java.util.Optional;

public interface ExplainTrustUseCase {
    /** What a TSA subject is called when the caller assumed the trusted time ({@code trust explain --at}). */
    String ASSUMED_TSA = "none: assumed by the caller";

    /**
     * Why the organization trusts the key (the shortest path that counts), or why not: the denies in the way
     * when there are any, the validity window, else that nobody it reaches trusts the key. Judged for a
     * signature without a trusted time (now) when {@code trustedTimeAt} is empty, else for one whose trusted
     * time is {@code trustedTimeAt}.
     */
    Explained explain(OrganizationId organization, KeyFingerprint fingerprint, Optional<Instant> trustedTimeAt);

    /** The explanation and the time basis it was judged at. */
    record Explained(TrustExplanation explanation, TimeBasis timeBasis) {
        public Explained {
            Require.present(explanation, "explanation");
            Require.present(timeBasis, "time basis");
        }
    }
}
