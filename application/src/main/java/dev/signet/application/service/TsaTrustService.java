package dev.signet.application.service;

import dev.signet.application.port.in.ManageTsaTrustUseCase;
import dev.signet.application.port.out.AuditTrail;
import dev.signet.application.port.out.OrganizationRepository;
import dev.signet.application.port.out.TimestampVerifier;
import dev.signet.application.port.out.Transactions;
import dev.signet.application.port.out.TrustedTsaRepository;
import dev.signet.domain.Conflict;
import dev.signet.domain.NotFound;
import dev.signet.domain.audit.AuditEvent;
import dev.signet.domain.organization.OrganizationId;
import dev.signet.domain.time.TrustedTsa;
import dev.signet.domain.time.TrustedTsaId;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** TSA trust per organization; every change is audited in its transaction. */
public final class TsaTrustService implements ManageTsaTrustUseCase {
    private final OrganizationRepository organizations;
    private final TrustedTsaRepository tsas;
    private final TimestampVerifier certificates;
    private final Transactions transactions;
    private final AuditTrail audit;
    private final Clock clock;

    public TsaTrustService(OrganizationRepository organizations, TrustedTsaRepository tsas,
            TimestampVerifier certificates, Transactions transactions, AuditTrail audit, Clock clock) {
        this.organizations = organizations;
        this.tsas = tsas;
        this.certificates = certificates;
        this.transactions = transactions;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public TrustedTsa trustTsa(OrganizationId organization, byte[] certificate, Optional<String> label) {
        TrustedTsa tsa = new TrustedTsa(TrustedTsaId.random(), organization, certificates.readCertificate(certificate),
                label, Timestamps.now(clock), Optional.empty());
        transactions.run(() -> {
            OrganizationService.requireExists(organizations, organization);
            tsas.add(tsa);
            audit.record(new AuditEvent.TrustedTsaAdded(organization, tsa.id(), tsa.certificate().subject(),
                    tsa.label()));
        });
        return tsa;
    }

    @Override
    public TrustedTsa revokeTsa(TrustedTsaId id) {
        Instant now = Timestamps.now(clock);
        TrustedTsa tsa = transactions.inTransaction(() -> {
            TrustedTsa found = tsas.findById(id).orElseThrow(() -> new NotFound("trusted TSA " + id + " does not exist"));
            if (!tsas.markRevoked(id, now)) {
                throw new Conflict("trusted TSA " + id + " is already revoked");
            }
            audit.record(new AuditEvent.TrustedTsaRevoked(found.organizationId(), id, found.certificate().subject()));
            return found;
        });
        return new TrustedTsa(tsa.id(), tsa.organizationId(), tsa.certificate(), tsa.label(), tsa.addedAt(),
                Optional.of(now));
    }

    @Override
    public List<TrustedTsa> listTsas(OrganizationId organization) {
        return transactions.inTransaction(() -> {
            OrganizationService.requireExists(organizations, organization);
            return tsas.listByOrganization(organization);
        });
    }
}
