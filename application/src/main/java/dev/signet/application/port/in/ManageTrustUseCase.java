package dev.signet.application.port.in;

import dev.signet.domain.organization.OrganizationId;
import dev.signet.domain.revocation.RevocationReason;
import dev.signet.domain.trust.ValidityWindow;
import java.time.Instant;
import dev.signet.domain.trust.TrustAcl;
import dev.signet.domain.trust.TrustedKey;
import dev.signet.domain.trust.TrustedKeyId;
import java.util.List;
import java.util.Optional;

public interface ManageTrustUseCase {
    /**
     * Trusts a public key given as PEM, 32 raw bytes or 64 hex characters.
     *
     * @throws dev.signet.domain.key.MalformedKey when it is none of those
     * @throws dev.signet.domain.Conflict when the organization already trusts it
     */
    default TrustedKey trustPublicKey(OrganizationId organization, byte[] encodedKey, Optional<String> label) {
        return trustPublicKey(organization, encodedKey, label, ValidityWindow.ALWAYS);
    }

    /** As above, the key counting only for signatures judged at a time inside {@code validity}. */
    TrustedKey trustPublicKey(OrganizationId organization, byte[] encodedKey, Optional<String> label,
            ValidityWindow validity);

    /** Revokes the key as compromised, now. */
    default TrustedKey revokeTrustedKey(TrustedKeyId trustedKeyId) {
        return revokeTrustedKey(trustedKeyId, RevocationReason.COMPROMISED, Optional.empty());
    }

    /**
     * Revokes the key for {@code reason}, effective now or, for a compromise only, from {@code effectiveAt}
     * (not in the future). A revoked key's revocation can only be widened: to compromised, effective at or before
     * the time the current one took effect (e.g. a retired key found compromised since before it was retired).
     *
     * @throws IllegalArgumentException for a retirement with an effective time, or an effective time in the future
     * @throws dev.signet.domain.Conflict when the key is revoked already and this would not widen the revocation
     */
    TrustedKey revokeTrustedKey(TrustedKeyId trustedKeyId, RevocationReason reason, Optional<Instant> effectiveAt);

    /** From now on {@code parent} trusts every key {@code child} trusts. */
    TrustAcl grantTrust(OrganizationId parent, OrganizationId child);

    void revokeTrust(OrganizationId parent, OrganizationId child);

    /** Revoked ones included: history stays whole. */
    List<TrustedKey> listTrustedKeys(OrganizationId organization);

    /** Grants where the organization is parent or child, revoked ones included. */
    List<TrustAcl> listTrustAcls(OrganizationId organization);
}
