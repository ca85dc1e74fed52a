package dev.signet.application.service;

import dev.signet.application.port.in.ManageTrustUseCase;
import dev.signet.application.port.out.AuditTrail;
import dev.signet.application.port.out.OrganizationRepository;
import dev.signet.application.port.out.PublicKeyCodec;
import dev.signet.application.port.out.TrustAclRepository;
import dev.signet.application.port.out.TrustedKeyRepository;
import dev.signet.application.port.out.Transactions;
import dev.signet.domain.Conflict;
import dev.signet.domain.NotFound;
import dev.signet.domain.audit.AuditEvent;
import dev.signet.domain.revocation.Revocation;
import dev.signet.domain.revocation.RevocationReason;
import dev.signet.domain.trust.TrustAcl;
import dev.signet.domain.trust.ValidityWindow;
import dev.signet.domain.trust.TrustedKey;
import dev.signet.domain.trust.TrustedKeyId;
import dev.signet.domain.organization.OrganizationId;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

public final class TrustService implements ManageTrustUseCase {
    private final OrganizationRepository organizations;
    private final TrustedKeyRepository trustedKeys;
    private final TrustAclRepository acls;
    private final PublicKeyCodec publicKeys;
    private final Transactions transactions;
    private final AuditTrail audit;
    private final TrustCache cache;
    private final Clock clock;

    public TrustService(OrganizationRepository organizations, TrustedKeyRepository trustedKeys, TrustAclRepository acls,
            PublicKeyCodec publicKeys, Transactions transactions, AuditTrail audit, TrustCache cache, Clock clock) {
        this.organizations = organizations;
        this.trustedKeys = trustedKeys;
        this.acls = acls;
        this.publicKeys = publicKeys;
        this.transactions = transactions;
        this.audit = audit;
        this.cache = cache;
        this.clock = clock;
    }

    @Override
    public TrustedKey trustPublicKey(OrganizationId organization, byte[] encodedKey, Optional<String> label,
            ValidityWindow validity) {
        ValidityWindow stored = new ValidityWindow(validity.notBefore().map(Timestamps::micros),
                validity.notAfter().map(Timestamps::micros));
        TrustedKey key = new TrustedKey(TrustedKeyId.random(), organization, publicKeys.read(encodedKey), label,
                Timestamps.now(clock), stored, Optional.empty());
        transactions.run(() -> {
            OrganizationService.requireExists(organizations, organization);
            trustedKeys.add(key);
            audit.record(new AuditEvent.TrustedKeyAdded(organization, key.id(), key.fingerprint(), key.label()));
        });
        cache.changed();
        return key;
    }

    @Override
    public TrustedKey revokeTrustedKey(TrustedKeyId trustedKeyId, RevocationReason reason,
            Optional<Instant> effectiveAt) {
        Revocation revocation = Revocations.requested(reason, effectiveAt, Timestamps.now(clock));
        TrustedKey key = transactions.inTransaction(() -> {
            TrustedKey found = trustedKeys.findById(trustedKeyId)
                    .orElseThrow(() -> new NotFound("trusted key " + trustedKeyId + " does not exist"));
            boolean revoked = found.revocation()
                    .map(current -> current.widenedBy(revocation)
                            && trustedKeys.widenRevocation(trustedKeyId, current, revocation))
                    .orElseGet(() -> trustedKeys.markRevoked(trustedKeyId, revocation));
            if (!revoked) {
                throw new Conflict("trusted key " + trustedKeyId + " is already revoked"
                        + found.revocation().map(current -> " (" + current.describe() + "); only a compromise"
                                + " effective at or before " + current.effectiveAt() + " widens it").orElse(""));
            }
            audit.record(new AuditEvent.TrustedKeyRevoked(found.organizationId(), trustedKeyId, found.fingerprint(),
                    Optional.of(revocation)));
            return found;
        });
        cache.changed();
        return key.revoked(revocation);
    }

    @Override
    public TrustAcl grantTrust(OrganizationId parent, OrganizationId child) {
        TrustAcl acl = new TrustAcl(parent, child, Timestamps.now(clock), Optional.empty());
        transactions.run(() -> {
            OrganizationService.requireExists(organizations, parent);
            OrganizationService.requireExists(organizations, child);
            acls.add(acl);
            audit.record(new AuditEvent.TrustAclGranted(parent, child));
        });
        cache.changed();
        return acl;
    }

    @Override
    public void revokeTrust(OrganizationId parent, OrganizationId child) {
        Instant now = Timestamps.now(clock);
        transactions.run(() -> {
            if (!acls.markRevoked(parent, child, now)) {
                throw new NotFound("organization " + parent + " has no active grant to " + child);
            }
            audit.record(new AuditEvent.TrustAclRevoked(parent, child));
        });
        cache.changed();
    }

    @Override
    public List<TrustedKey> listTrustedKeys(OrganizationId organization) {
        return transactions.inTransaction(() -> {
            OrganizationService.requireExists(organizations, organization);
            return trustedKeys.listByOrganization(organization);
        });
    }

    @Override
    public List<TrustAcl> listTrustAcls(OrganizationId organization) {
        return transactions.inTransaction(() -> {
            OrganizationService.requireExists(organizations, organization);
            return acls.listByOrganization(organization);
        });
    }
}
