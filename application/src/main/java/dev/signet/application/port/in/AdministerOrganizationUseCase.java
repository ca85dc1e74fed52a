package dev.signet.application.port.in;

import dev.signet.domain.Require;
import dev.signet.domain.key.KeyId;
import dev.signet.domain.key.KeyName;
import dev.signet.domain.key.SigningKey;
import dev.signet.domain.organization.Organization;
import dev.signet.domain.principal.ApiToken;
import dev.signet.domain.principal.Principal;
import dev.signet.domain.principal.Role;
import dev.signet.domain.principal.TokenId;
import dev.signet.domain.principal.TokenName;
import dev.signet.domain.revocation.RevocationReason;
import dev.signet.domain.trust.TrustAcl;
import dev.signet.domain.trust.TrustedKey;
import dev.signet.domain.trust.TrustedKeyId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * An organization's administration for an authenticated principal, as the service offers it: every call names
 * the principal, and only an {@code admin} of the organization concerned may make it (reading its own
 * organization is open to any of its principals). An admin acts on its own organization only: its signing keys,
 * the keys it trusts, the grants where it is the trusting parent, its tokens. Organizations themselves are made
 * by the operator (CLI): there is no principal above an organization. Each change is audited as the CLI's is,
 * naming the caller ({@link Caller}).
 *
 * <p>{@code org} arguments are an organization's id or name, as the CLI takes them.
 *
 * @throws dev.signet.domain.principal.Forbidden (from every method) when the principal's role or organization
 *     does not allow the call
 * @throws dev.signet.domain.NotFound when the organization, key, trusted key or token does not exist
 */
public interface AdministerOrganizationUseCase {

    /** The principal's own organization; any role. */
    Organization organization(Principal principal, String org);

    List<SigningKey> keys(Principal principal, String org);

    /**
     * @throws dev.signet.domain.key.KeyEncryptionKeyRequired for a software key when the service has no KEK
     * @throws RuntimeException {@code HsmNotConfigured} for a PKCS#11 key when the service has no token
     */
    SigningKey createKey(Principal principal, String org, KeyName name, KeyBackend backend);

    /** Adopts a key pair another tool made in the service's PKCS#11 token, found by its CKA_LABEL (signet key import). */
    SigningKey importHsmKey(Principal principal, String org, KeyName name, String tokenObjectLabel);

    SigningKey key(Principal principal, KeyId keyId);

    /** As {@link ManageSigningKeysUseCase#revoke(KeyId, RevocationReason, Optional)}. */
    SigningKey revokeKey(Principal principal, KeyId keyId, RevocationReason reason, Optional<Instant> effectiveAt);

    List<TrustedKey> trustedKeys(Principal principal, String org);

    /** As {@link ManageTrustUseCase#trustPublicKey}: PEM, 32 raw bytes or 64 hex characters. */
    TrustedKey trustKey(Principal principal, String org, byte[] encodedKey, Optional<String> label);

    /** As {@link ManageTrustUseCase#revokeTrustedKey(TrustedKeyId, RevocationReason, Optional)}. */
    TrustedKey revokeTrustedKey(Principal principal, TrustedKeyId id, RevocationReason reason,
            Optional<Instant> effectiveAt);

    /** Grants where the organization is parent or child, revoked ones included. */
    List<TrustAcl> grants(Principal principal, String org);

    /** {@code parent} (the admin's organization) trusts every key {@code child} trusts from now on. */
    TrustAcl grant(Principal principal, String parent, String child);

    void revokeGrant(Principal principal, String parent, String child);

    /** The organization's tokens, revoked ones included; never a secret. */
    List<ApiToken> tokens(Principal principal, String org);

    /**
     * A token of the admin's organization with at most an admin's rights: role {@code admin}, {@code signer} or
     * {@code verifier}. An {@code auditor} reads the whole audit chain, every organization's records, which is
     * more than an admin may: auditor tokens are the operator's to issue (CLI).
     */
    ManageTokensUseCase.IssuedToken createToken(Principal principal, String org, NewToken token);

    /** Revoking a revoked token changes nothing. */
    ApiToken revokeToken(Principal principal, TokenId id);

    /** Where a new key's private half lives, as {@code signet key create --backend}. */
    enum KeyBackend {
        SOFTWARE, PKCS11
    }

    record NewToken(Role role, Set<KeyId> keys, Optional<Duration> validFor, Optional<TokenName> name) {
        public NewToken {
            Require.present(role, "role");
            keys = Set.copyOf(Require.present(keys, "keys"));
            Require.present(validFor, "validity");
            Require.present(name, "name");
        }
    }
}
