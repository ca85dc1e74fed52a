package dev.signet.application.service;

import dev.signet.application.port.in.AdministerOrganizationUseCase;
import dev.signet.application.port.in.ManageOrganizationsUseCase;
import dev.signet.application.port.in.ManageSigningKeysUseCase;
import dev.signet.application.port.in.ManageTokensUseCase;
import dev.signet.application.port.in.ManageTrustUseCase;
import dev.signet.application.port.out.ApiTokenRepository;
import dev.signet.application.port.out.SigningKeyRepository;
import dev.signet.application.port.out.Transactions;
import dev.signet.application.port.out.TrustedKeyRepository;
import dev.signet.domain.NotFound;
import dev.signet.domain.Require;
import dev.signet.domain.key.KeyEncryptionKey;
import dev.signet.domain.key.KeyEncryptionKeyRequired;
import dev.signet.domain.key.KeyId;
import dev.signet.domain.key.KeyName;
import dev.signet.domain.key.SigningKey;
import dev.signet.domain.organization.Organization;
import dev.signet.domain.organization.OrganizationId;
import dev.signet.domain.principal.ApiToken;
import dev.signet.domain.principal.Forbidden;
import dev.signet.domain.principal.Principal;
import dev.signet.domain.principal.PrincipalKind;
import dev.signet.domain.principal.Role;
import dev.signet.domain.principal.TokenId;
import dev.signet.domain.revocation.RevocationReason;
import dev.signet.domain.trust.TrustAcl;
import dev.signet.domain.trust.TrustedKey;
import dev.signet.domain.trust.TrustedKeyId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The role and organization checks of the service's administration, then the same use cases the CLI calls, so
 * that each change is validated and audited exactly as there. The owner of a key, trusted key or token named by
 * id is read first: an id of another organization is refused as that organization's, not reported missing.
 */
public final class OrganizationAdministration implements AdministerOrganizationUseCase {
    private final ManageOrganizationsUseCase organizations;
    private final ManageSigningKeysUseCase signingKeys;
    private final ManageTrustUseCase trust;
    private final ManageTokensUseCase tokens;
    private final SigningKeyRepository keyRows;
    private final TrustedKeyRepository trustedKeyRows;
    private final ApiTokenRepository tokenRows;
    private final Transactions transactions;
    private final Optional<KeyEncryptionKey> kek;
    private final Clock clock;

    /**
     * @param kek the service's key-encryption key, which wraps new software keys (none: they cannot be made)
     * @param clock what "now" is when a new token's validity is held within its maker's
     */
    public OrganizationAdministration(ManageOrganizationsUseCase organizations, ManageSigningKeysUseCase signingKeys,
            ManageTrustUseCase trust, ManageTokensUseCase tokens, SigningKeyRepository keyRows,
            TrustedKeyRepository trustedKeyRows, ApiTokenRepository tokenRows, Transactions transactions,
            Optional<KeyEncryptionKey> kek, Clock clock) {
        this.clock = Require.present(clock, "clock");
        this.organizations = Require.present(organizations, "organizations");
        this.signingKeys = Require.present(signingKeys, "signing keys");
        this.trust = Require.present(trust, "trust");
        this.tokens = Require.present(tokens, "tokens");
        this.keyRows = Require.present(keyRows, "signing key repository");
        this.trustedKeyRows = Require.present(trustedKeyRows, "trusted key repository");
        this.tokenRows = Require.present(tokenRows, "token repository");
        this.transactions = Require.present(transactions, "transactions");
        this.kek = Require.present(kek, "key-encryption key");
    }

    @Override
    public Organization organization(Principal principal, String org) {
        Organization organization = organizations.resolve(org);
        requireMember(principal, organization.id());
        return organization;
    }

    @Override
    public List<SigningKey> keys(Principal principal, String org) {
        return signingKeys.list(adminOf(principal, org));
    }

    @Override
    public SigningKey createKey(Principal principal, String org, KeyName name, KeyBackend backend) {
        OrganizationId organization = adminOf(principal, org);
        return switch (Require.present(backend, "backend")) {
            case PKCS11 -> signingKeys.createHsmKey(organization, name);
            case SOFTWARE -> signingKeys.createSoftwareKey(organization, name,
                    kek.orElseThrow(() -> new KeyEncryptionKeyRequired("creating a software key")));
        };
    }

    @Override
    public SigningKey importHsmKey(Principal principal, String org, KeyName name, String tokenObjectLabel) {
        return signingKeys.importHsmKey(adminOf(principal, org), name, tokenObjectLabel);
    }

    @Override
    public SigningKey key(Principal principal, KeyId keyId) {
        SigningKey key = ownedKey(keyId);
        requireAdmin(principal, key.organizationId());
        return key;
    }

    @Override
    public SigningKey revokeKey(Principal principal, KeyId keyId, RevocationReason reason,
            Optional<Instant> effectiveAt) {
        requireAdmin(principal, ownedKey(keyId).organizationId());
        return signingKeys.revoke(keyId, reason, effectiveAt);
    }

    @Override
    public List<TrustedKey> trustedKeys(Principal principal, String org) {
        return trust.listTrustedKeys(adminOf(principal, org));
    }

    @Override
    public TrustedKey trustKey(Principal principal, String org, byte[] encodedKey, Optional<String> label) {
        return trust.trustPublicKey(adminOf(principal, org), encodedKey, label);
    }

    @Override
    public TrustedKey revokeTrustedKey(Principal principal, TrustedKeyId id, RevocationReason reason,
            Optional<Instant> effectiveAt) {
        TrustedKey key = transactions.inTransaction(() -> trustedKeyRows.findById(id))
                .orElseThrow(() -> new NotFound("trusted key " + id + " does not exist"));
        requireAdmin(principal, key.organizationId());
        return trust.revokeTrustedKey(id, reason, effectiveAt);
    }

    @Override
    public List<TrustAcl> grants(Principal principal, String org) {
        return trust.listTrustAcls(adminOf(principal, org));
    }

    @Override
    public TrustAcl grant(Principal principal, String parent, String child) {
        OrganizationId trusting = adminOf(principal, parent);
        return trust.grantTrust(trusting, organizations.resolve(child).id());
    }

    @Override
    public void revokeGrant(Principal principal, String parent, String child) {
        OrganizationId trusting = adminOf(principal, parent);
        trust.revokeTrust(trusting, organizations.resolve(child).id());
    }

    @Override
    public List<ApiToken> tokens(Principal principal, String org) {
        return tokens.list(Optional.of(adminOf(principal, org)));
    }

    @Override
    public ManageTokensUseCase.IssuedToken createToken(Principal principal, String org, NewToken token) {
        OrganizationId organization = adminOf(principal, org);
        if (token.role() == Role.AUDITOR) {
            throw new Forbidden("an admin cannot issue an auditor token: an auditor reads every organization's "
                    + "audit records; the operator issues those (signet token create)");
        }
        requireWithinMakersLifetime(principal, token.validFor());
        return tokens.create(new ManageTokensUseCase.Create(organization, token.role(), token.keys(),
                token.validFor(), token.name()));
    }

    /**
     * A token made with an expiring token expires no later than its maker: else a short-lived admin token (one
     * handed to a job, say) could mint itself a successor that never expires. Refused, not shortened, so the
     * caller learns what it gets.
     */
    private void requireWithinMakersLifetime(Principal principal, Optional<Duration> validFor) {
        if (principal.kind() != PrincipalKind.TOKEN) {
            return;
        }
        Optional<Instant> makersEnd = transactions.inTransaction(() -> tokenRows.findById(TokenId.parse(principal.id())))
                .flatMap(ApiToken::expiresAt);
        if (makersEnd.isEmpty()) {
            return;
        }
        Duration left = Duration.between(clock.instant(), makersEnd.get());
        if (validFor.isEmpty() || validFor.get().compareTo(left) > 0) {
            throw new Forbidden("the calling token expires in " + Math.max(0, left.toSeconds()) + " s, and a token it "
                    + "makes may not outlive it: ask for an expiry of at most that");
        }
    }

    @Override
    public ApiToken revokeToken(Principal principal, TokenId id) {
        ApiToken token = transactions.inTransaction(() -> tokenRows.findById(id))
                .orElseThrow(() -> new NotFound("token " + id + " does not exist"));
        requireAdmin(principal, token.organization());
        return tokens.revoke(id);
    }

    private SigningKey ownedKey(KeyId keyId) {
        return transactions.inTransaction(() -> keyRows.findById(keyId))
                .orElseThrow(() -> new NotFound("signing key " + keyId + " does not exist"));
    }

    private OrganizationId adminOf(Principal principal, String org) {
        requireRole(principal, Role.ADMIN);
        OrganizationId organization = organizations.resolve(org).id();
        requireMember(principal, organization);
        return organization;
    }

    private static void requireAdmin(Principal principal, OrganizationId organization) {
        requireRole(principal, Role.ADMIN);
        requireMember(principal, organization);
    }

    static void requireRole(Principal principal, Role role) {
        Require.present(principal, "principal");
        if (principal.role() != role) {
            throw new Forbidden("this needs the " + role.wireName() + " role; the caller is a "
                    + principal.role().wireName());
        }
    }

    private static void requireMember(Principal principal, OrganizationId organization) {
        if (!principal.organization().equals(organization)) {
            throw new Forbidden("the caller belongs to another organization");
        }
    }
}
