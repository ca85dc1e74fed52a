package dev.signet.adapters.persistence.db.repository;

import dev.signet.domain.revocation.Revocation;
import dev.signet.domain.revocation.RevocationReason;
import java.time.Instant;

/** A revoked row's revocation, for signing keys and trusted keys alike. */
final class Revocations {
    private Revocations() {
    }

    /**
     * A row revoked by hand (revoked_at set, no reason) was revoked for good, as every revocation was before
     * reasons existed: compromised from its revoked_at on.
     */
    static Revocation read(String reason, Instant effectiveAt, Instant recordedAt) {
        if (reason == null) {
            return Revocation.compromised(recordedAt, recordedAt);
        }
        return new Revocation(RevocationReason.parse(reason), effectiveAt, recordedAt);
    }
}
