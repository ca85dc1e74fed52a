package dev.signet.application.port.in;

import dev.signet.domain.organization.OrganizationId;
import dev.signet.domain.time.TrustedTsa;
import dev.signet.domain.time.TrustedTsaId;
import java.util.List;
import java.util.Optional;

/**
 * Which time-stamping authorities an organization trusts: a timestamp counts as trusted time only when its
 * signer chains to one of the organization's TSA certificates, or to one of an organization it trusts
 * through grants (the same traversal as keys).
 */
public interface ManageTsaTrustUseCase {

    /**
     * @param certificate PEM ("CERTIFICATE") or DER
     * @throws IllegalArgumentException when it is no X.509 certificate
     */
    TrustedTsa trustTsa(OrganizationId organization, byte[] certificate, Optional<String> label);

    /** @throws dev.signet.domain.NotFound when there is no such TSA; Conflict when it is already revoked */
    TrustedTsa revokeTsa(TrustedTsaId id);

    List<TrustedTsa> listTsas(OrganizationId organization);
}
