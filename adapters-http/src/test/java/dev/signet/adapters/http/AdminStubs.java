package dev.signet.adapters.http;

import dev.signet.application.port.in.AdministerOrganizationUseCase;
import dev.signet.application.port.in.AuditTrailAccessUseCase;
import dev.signet.application.port.in.ManageTokensUseCase;
import dev.signet.domain.NotFound;
import dev.signet.domain.audit.AuditChainVerdict;
import dev.signet.domain.audit.AuditCheckpoint;
import dev.signet.domain.audit.AuditRecord;
import dev.signet.domain.audit.SignedAuditCheckpoint;
import dev.signet.domain.key.Ed25519PublicKey;
import dev.signet.domain.key.KeyCustody;
import dev.signet.domain.key.KeyFingerprint;
import dev.signet.domain.key.KeyId;
import dev.signet.domain.key.KeyName;
import dev.signet.domain.key.SigningKey;
import dev.signet.domain.organization.Organization;
import dev.signet.domain.organization.OrganizationId;
import dev.signet.domain.organization.OrganizationName;
import dev.signet.domain.principal.ApiToken;
import dev.signet.domain.principal.Forbidden;
import dev.signet.domain.principal.Principal;
import dev.signet.domain.principal.Role;
import dev.signet.domain.principal.TokenHash;
import dev.signet.domain.principal.TokenId;
import dev.signet.domain.revocation.Revocation;
import dev.signet.domain.revocation.RevocationReason;
import dev.signet.domain.signature.Ed25519Signature;
import dev.signet.domain.trust.TrustAcl;
import dev.signet.domain.trust.TrustedKey;
import dev.signet.domain.trust.TrustedKeyId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Stand-ins for the administration in-ports, for the contract test: an admin of {@link #ORG} ("acme") may do
 * everything on it, anyone else is refused as the application refuses (Forbidden); "other" and the FOREIGN ids are
 * another organization's. The rules themselves are tested in the application (AdministrationRulesTest).
 */
final class AdminStubs implements AdministerOrganizationUseCase, AuditTrailAccessUseCase {
    static final Instant T = Instant.parse("2026-12-02T05:00:00Z");
    private final OrganizationId org;
    private final OrganizationId other = OrganizationId.random();
    private final KeyId key;
    private final KeyId foreignKey;

    AdminStubs(OrganizationId org, KeyId key, KeyId foreignKey) {
        this.org = org;
        this.key = key;
        this.foreignKey = foreignKey;
    }

    private OrganizationId admin(Principal principal, String name) {
        if (principal.role() != Role.ADMIN) {
            throw new Forbidden("this needs the admin role; the caller is a " + principal.role().wireName());
        }
        return member(principal, name);
    }

    private OrganizationId member(Principal principal, String name) {
        if (name.equals("nowhere")) {
            throw new NotFound("no organization is named nowhere");
        }
        if (!name.equals("acme") && !name.equals(org.toString())) {
            throw new Forbidden("the caller belongs to another organization");
        }
        return org;
    }

    private void admin(Principal principal, Object id) {
        admin(principal, "acme");
        if (id.equals(foreignKey) || id.toString().equals(foreignKey.toString())) {
            throw new Forbidden("the caller belongs to another organization");
        }
    }

    private SigningKey signingKey(Optional<Revocation> revocation) {
        return new SigningKey(key, org, new KeyName("release"), new Ed25519PublicKey(new byte[32]),
                new KeyCustody.Hsm("token", new byte[] {1}), T, revocation);
    }

    private TrustedKey trustedKey(Optional<Revocation> revocation) {
        return new TrustedKey(TrustedKeyId.random(), org, new Ed25519PublicKey(new byte[32]), Optional.of("release"),
                T, dev.signet.domain.trust.ValidityWindow.ALWAYS, revocation);
    }

    private ApiToken token(Role role, Optional<Instant> revokedAt) {
        return new ApiToken(TokenId.random(), Optional.empty(), org, role, Set.of(), T, Optional.empty(), revokedAt,
                new TokenHash("0".repeat(64)));
    }

    @Override
    public Organization organization(Principal principal, String name) {
        return new Organization(member(principal, name), new OrganizationName("acme"), T);
    }

    @Override
    public List<SigningKey> keys(Principal principal, String name) {
        admin(principal, name);
        return List.of(signingKey(Optional.empty()));
    }

    @Override
    public SigningKey createKey(Principal principal, String name, KeyName keyName, KeyBackend backend) {
        admin(principal, name);
        if (backend == KeyBackend.PKCS11) {
            throw new HsmNotConfigured();
        }
        return signingKey(Optional.empty());
    }

    @Override
    public SigningKey importHsmKey(Principal principal, String name, KeyName keyName, String label) {
        admin(principal, name);
        return signingKey(Optional.empty());
    }

    @Override
    public SigningKey key(Principal principal, KeyId keyId) {
        admin(principal, keyId);
        return signingKey(Optional.empty());
    }

    @Override
    public SigningKey revokeKey(Principal principal, KeyId keyId, RevocationReason reason, Optional<Instant> at) {
        admin(principal, keyId);
        return signingKey(Optional.of(Revocation.compromised(T, T)));
    }

    @Override
    public List<TrustedKey> trustedKeys(Principal principal, String name) {
        admin(principal, name);
        return List.of(trustedKey(Optional.empty()));
    }

    @Override
    public TrustedKey trustKey(Principal principal, String name, byte[] encodedKey, Optional<String> label) {
        admin(principal, name);
        return trustedKey(Optional.empty());
    }

    @Override
    public TrustedKey revokeTrustedKey(Principal principal, TrustedKeyId id, RevocationReason reason,
            Optional<Instant> at) {
        admin(principal, id);
        return trustedKey(Optional.of(Revocation.compromised(T, T)));
    }

    @Override
    public List<TrustAcl> grants(Principal principal, String name) {
        admin(principal, name);
        return List.of(new TrustAcl(org, other, T, Optional.empty()));
    }

    @Override
    public TrustAcl grant(Principal principal, String parent, String child) {
        admin(principal, parent);
        return new TrustAcl(org, other, T, Optional.empty());
    }

    @Override
    public void revokeGrant(Principal principal, String parent, String child) {
        admin(principal, parent);
    }

    @Override
    public List<ApiToken> tokens(Principal principal, String name) {
        admin(principal, name);
        return List.of(token(Role.SIGNER, Optional.empty()));
    }

    @Override
    public ManageTokensUseCase.IssuedToken createToken(Principal principal, String name, NewToken command) {
        admin(principal, name);
        if (command.role() == Role.AUDITOR) {
            throw new Forbidden("an admin cannot issue an auditor token");
        }
        return new ManageTokensUseCase.IssuedToken(token(command.role(), Optional.empty()), "signet_stand-in-secret");
    }

    @Override
    public ApiToken revokeToken(Principal principal, TokenId id) {
        admin(principal, id);
        return token(Role.SIGNER, Optional.of(T.plusSeconds(1)));
    }

    /** Named as the application's, which this adapter knows by name only (it depends on the in-ports). */
    static final class HsmNotConfigured extends dev.signet.domain.SignetException {
        private static final long serialVersionUID = 1L;

        HsmNotConfigured() {
            super("no PKCS#11 token is configured");
        }
    }

    private static void auditor(Principal principal) {
        if (principal.role() != Role.AUDITOR) {
            throw new Forbidden("this needs the auditor role; the caller is a " + principal.role().wireName());
        }
    }

    @Override
    public List<AuditRecord> events(Principal principal, long after, int limit) {
        auditor(principal);
        if (limit < 1 || limit > MAX_PAGE) {
            throw new IllegalArgumentException("limit must be 1.." + MAX_PAGE);
        }
        return List.of(new AuditRecord(after + 1, "token.created", T,
                "{\"event_type\":\"token.created\",\"actor_kind\":\"token\",\"actor_id\":\"t\"}", "0".repeat(64),
                "1".repeat(64)));
    }

    @Override
    public AuditChainVerdict verify(Principal principal) {
        auditor(principal);
        return AuditChainVerdict.whole(1);
    }

    @Override
    public Checkpoint checkpoint(Principal principal, KeyId auditKey) {
        auditor(principal);
        if (auditKey.equals(foreignKey)) {
            throw new Forbidden("the audit key belongs to another organization");
        }
        SignedAuditCheckpoint checkpoint = new SignedAuditCheckpoint(new AuditCheckpoint(1, "1".repeat(64), T), key,
                KeyFingerprint.fromHex("cd".repeat(32)), new Ed25519Signature(new byte[64]));
        return new Checkpoint(checkpoint, "{\"version\":1,\"position\":1}");
    }
}
