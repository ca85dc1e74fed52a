package dev.signet.adapters.http;

import dev.signet.application.port.in.AdministerOrganizationUseCase;
import dev.signet.application.port.in.AuditTrailAccessUseCase;
import dev.signet.application.port.in.AuthenticateUseCase;
import dev.signet.application.port.in.ManageOrganizationsUseCase;
import dev.signet.application.port.in.ReadinessUseCase;
import dev.signet.application.port.in.ServicePublicKeysUseCase;
import dev.signet.application.port.in.SignDigestUseCase;
import dev.signet.application.port.in.VerifyDigestUseCase;
import java.util.Objects;

/** The in-ports the service calls: all it knows of Signet (the composition root hands them over). */
public record ServicePorts(AuthenticateUseCase authenticate, SignDigestUseCase signDigest,
        VerifyDigestUseCase verifyDigest, ServicePublicKeysUseCase publicKeys, ManageOrganizationsUseCase organizations,
        ReadinessUseCase readiness, AdministerOrganizationUseCase administer, AuditTrailAccessUseCase auditTrail) {
    public ServicePorts {
        Objects.requireNonNull(authenticate, "authenticate");
        Objects.requireNonNull(signDigest, "signDigest");
        Objects.requireNonNull(verifyDigest, "verifyDigest");
        Objects.requireNonNull(publicKeys, "publicKeys");
        Objects.requireNonNull(organizations, "organizations");
        Objects.requireNonNull(readiness, "readiness");
        Objects.requireNonNull(administer, "administer");
        Objects.requireNonNull(auditTrail, "auditTrail");
    }
}
