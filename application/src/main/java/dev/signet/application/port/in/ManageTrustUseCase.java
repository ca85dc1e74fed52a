package dev.signet.application.port.in;

import dev.signet.domain.organization.OrganizationId;
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
    TrustedKey trustPublicKey(OrganizationId organization, byte[] encodedKey, Optional<String> label);

    TrustedKey revokeTrustedKey(TrustedKeyId trustedKeyId);

    /** From now on {@code parent} trusts every key {@code child} trusts. */
    TrustAcl grantTrust(OrganizationId parent, OrganizationId child);

    void revokeTrust(OrganizationId parent, OrganizationId child);

    /** Revoked ones included: history stays whole. */
    List<TrustedKey> listTrustedKeys(OrganizationId organization);

    /** Grants where the organization is parent or child, revoked ones included. */
    List<TrustAcl> listTrustAcls(OrganizationId organization);
}
