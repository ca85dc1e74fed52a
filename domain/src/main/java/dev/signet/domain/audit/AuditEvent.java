package dev.signet.domain.audit;

import dev.signet.domain.key.KekId;
import dev.signet.domain.key.KeyFingerprint;
import dev.signet.domain.key.KeyId;
import dev.signet.domain.organization.OrganizationId;
import dev.signet.domain.revocation.Revocation;
import dev.signet.domain.signature.PackageHash;
import dev.signet.domain.time.TrustedTsaId;
import dev.signet.domain.time.TimeBasis;
import dev.signet.domain.trust.TrustedKeyId;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Every event Signet records for a SIEM, with Cloacina's event types and field names. Fields carry ids,
 * hashes, fingerprints, names and reasons only: an event never holds key material by construction.
 */
public sealed interface AuditEvent {

    /** e.g. {@code package.signed}. */
    String eventType();

    /** The event's fields in a stable order, absent optionals left out; values are String or Boolean. */
    Map<String, Object> fields();

    /** {@code timeBasis}: the time the signature was judged at, empty when the package loaded unsigned. */
    record PackageLoadSucceeded(OrganizationId orgId, String packagePath, PackageHash packageHash,
            Optional<KeyFingerprint> signerFingerprint, boolean signatureVerified, Optional<TimeBasis> timeBasis)
            implements AuditEvent {
        public PackageLoadSucceeded(OrganizationId orgId, String packagePath, PackageHash packageHash,
                Optional<KeyFingerprint> signerFingerprint, boolean signatureVerified) {
            this(orgId, packagePath, packageHash, signerFingerprint, signatureVerified, Optional.empty());
        }

        public String eventType() {
            return "package.load.success";
        }

        public Map<String, Object> fields() {
            return new Fields().put("org_id", orgId).put("package_path", packagePath)
                    .put("package_hash", packageHash).put("signer_fingerprint", signerFingerprint)
                    .put("signature_verified", signatureVerified).put("time_basis", timeBasis.map(TimeBasis::describe))
                    .map();
        }
    }

    /**
     * The seed's fields of a load (hash when one was computed, signer when known, signature_verified always
     * false: nothing was loaded on the strength of a signature), then why it failed.
     */
    record PackageLoadFailed(OrganizationId orgId, String packagePath, Optional<PackageHash> packageHash,
            Optional<KeyFingerprint> signerFingerprint, String error, String failureReason,
            Optional<TimeBasis> timeBasis) implements AuditEvent {
        /** A failure before the package was hashed (e.g. it could not be read). */
        public PackageLoadFailed(OrganizationId orgId, String packagePath, String error, String failureReason) {
            this(orgId, packagePath, Optional.empty(), Optional.empty(), error, failureReason, Optional.empty());
        }

        /** A failure that did not depend on the time the signature is judged at. */
        public PackageLoadFailed(OrganizationId orgId, String packagePath, Optional<PackageHash> packageHash,
                Optional<KeyFingerprint> signerFingerprint, String error, String failureReason) {
            this(orgId, packagePath, packageHash, signerFingerprint, error, failureReason, Optional.empty());
        }

        public String eventType() {
            return "package.load.failure";
        }

        public Map<String, Object> fields() {
            return new Fields().put("org_id", orgId).put("package_path", packagePath)
                    .put("package_hash", packageHash).put("signer_fingerprint", signerFingerprint)
                    .put("signature_verified", false).put("error", error).put("failure_reason", failureReason)
                    .put("time_basis", timeBasis.map(TimeBasis::describe)).map();
        }
    }

    record PackageSigned(String packagePath, PackageHash packageHash, KeyFingerprint keyFingerprint)
            implements AuditEvent {
        public String eventType() {
            return "package.signed";
        }

        public Map<String, Object> fields() {
            return new Fields().put("package_path", packagePath).put("package_hash", packageHash)
                    .put("key_fingerprint", keyFingerprint).map();
        }
    }

    record PackageSignFailed(String packagePath, String error) implements AuditEvent {
        public String eventType() {
            return "package.sign.failure";
        }

        public Map<String, Object> fields() {
            return new Fields().put("package_path", packagePath).put("error", error).map();
        }
    }

    record SigningKeyCreated(OrganizationId orgId, KeyId keyId, KeyFingerprint keyFingerprint, String keyName)
            implements AuditEvent {
        public String eventType() {
            return "key.signing.created";
        }

        public Map<String, Object> fields() {
            return new Fields().put("org_id", orgId).put("key_id", keyId).put("key_fingerprint", keyFingerprint)
                    .put("key_name", keyName).map();
        }
    }

    record SigningKeyCreateFailed(OrganizationId orgId, String keyName, String error) implements AuditEvent {
        public String eventType() {
            return "key.signing.create_failed";
        }

        public Map<String, Object> fields() {
            return new Fields().put("org_id", orgId).put("key_name", keyName).put("error", error).map();
        }
    }

    record SigningKeyRevoked(OrganizationId orgId, KeyId keyId, KeyFingerprint keyFingerprint,
            Optional<Revocation> revocation) implements AuditEvent {
        public SigningKeyRevoked(OrganizationId orgId, KeyId keyId, KeyFingerprint keyFingerprint) {
            this(orgId, keyId, keyFingerprint, Optional.empty());
        }

        public String eventType() {
            return "key.signing.revoked";
        }

        public Map<String, Object> fields() {
            return new Fields().put("org_id", orgId).put("key_id", keyId).put("key_fingerprint", keyFingerprint)
                    .put("revocation_reason", revocation.map(r -> r.reason().label()))
                    .put("revocation_effective_at", revocation.map(Revocation::effectiveAt)).map();
        }
    }

    record KeyExported(KeyId keyId, KeyFingerprint keyFingerprint) implements AuditEvent {
        public String eventType() {
            return "key.exported";
        }

        public Map<String, Object> fields() {
            return new Fields().put("key_id", keyId).put("key_fingerprint", keyFingerprint).map();
        }
    }

    record TrustedKeyAdded(OrganizationId orgId, TrustedKeyId keyId, KeyFingerprint keyFingerprint,
            Optional<String> keyName) implements AuditEvent {
        public String eventType() {
            return "key.trusted.added";
        }

        public Map<String, Object> fields() {
            return new Fields().put("org_id", orgId).put("key_id", keyId).put("key_fingerprint", keyFingerprint)
                    .put("key_name", keyName).map();
        }
    }

    record TrustedKeyRevoked(OrganizationId orgId, TrustedKeyId keyId, KeyFingerprint keyFingerprint,
            Optional<Revocation> revocation) implements AuditEvent {
        public TrustedKeyRevoked(OrganizationId orgId, TrustedKeyId keyId, KeyFingerprint keyFingerprint) {
            this(orgId, keyId, keyFingerprint, Optional.empty());
        }

        public String eventType() {
            return "key.trusted.revoked";
        }

        public Map<String, Object> fields() {
            return new Fields().put("org_id", orgId).put("key_id", keyId).put("key_fingerprint", keyFingerprint)
                    .put("revocation_reason", revocation.map(r -> r.reason().label()))
                    .put("revocation_effective_at", revocation.map(Revocation::effectiveAt)).map();
        }
    }

    /** An organization now trusts timestamps of the TSA (issue 14). */
    record TrustedTsaAdded(OrganizationId orgId, TrustedTsaId tsaId, String tsaSubject, Optional<String> label)
            implements AuditEvent {
        public String eventType() {
            return "tsa.trusted.added";
        }

        public Map<String, Object> fields() {
            return new Fields().put("org_id", orgId).put("tsa_id", tsaId).put("tsa_subject", tsaSubject)
                    .put("label", label).map();
        }
    }

    record TrustedTsaRevoked(OrganizationId orgId, TrustedTsaId tsaId, String tsaSubject) implements AuditEvent {
        public String eventType() {
            return "tsa.trusted.revoked";
        }

        public Map<String, Object> fields() {
            return new Fields().put("org_id", orgId).put("tsa_id", tsaId).put("tsa_subject", tsaSubject).map();
        }
    }

    record TrustAclGranted(OrganizationId parentOrgId, OrganizationId childOrgId) implements AuditEvent {
        public String eventType() {
            return "key.trust_acl.granted";
        }

        public Map<String, Object> fields() {
            return new Fields().put("parent_org_id", parentOrgId).put("child_org_id", childOrgId).map();
        }
    }

    record TrustAclRevoked(OrganizationId parentOrgId, OrganizationId childOrgId) implements AuditEvent {
        public String eventType() {
            return "key.trust_acl.revoked";
        }

        public Map<String, Object> fields() {
            return new Fields().put("parent_org_id", parentOrgId).put("child_org_id", childOrgId).map();
        }
    }

    /** {@code orgId} is empty for offline verification, which has no organization. */
    record VerificationSucceeded(Optional<OrganizationId> orgId, PackageHash packageHash,
            KeyFingerprint signerFingerprint, Optional<String> signerName, Optional<TimeBasis> timeBasis)
            implements AuditEvent {
        public VerificationSucceeded(Optional<OrganizationId> orgId, PackageHash packageHash,
                KeyFingerprint signerFingerprint, Optional<String> signerName) {
            this(orgId, packageHash, signerFingerprint, signerName, Optional.empty());
        }

        public String eventType() {
            return "verification.success";
        }

        public Map<String, Object> fields() {
            return new Fields().put("org_id", orgId).put("package_hash", packageHash)
                    .put("signer_fingerprint", signerFingerprint).put("signer_name", signerName)
                    .put("time_basis", timeBasis.map(TimeBasis::describe)).map();
        }
    }

    /** Hash and signer are empty when the failure came before they were known (e.g. a malformed file). */
    record VerificationFailed(Optional<OrganizationId> orgId, Optional<PackageHash> packageHash,
            String failureReason, Optional<KeyFingerprint> signerFingerprint, Optional<TimeBasis> timeBasis)
            implements AuditEvent {
        /** A failure that did not depend on the time the signature is judged at. */
        public VerificationFailed(Optional<OrganizationId> orgId, Optional<PackageHash> packageHash,
                String failureReason, Optional<KeyFingerprint> signerFingerprint) {
            this(orgId, packageHash, failureReason, signerFingerprint, Optional.empty());
        }

        public String eventType() {
            return "verification.failure";
        }

        public Map<String, Object> fields() {
            return new Fields().put("org_id", orgId).put("package_hash", packageHash)
                    .put("failure_reason", failureReason).put("signer_fingerprint", signerFingerprint)
                    .put("time_basis", timeBasis.map(TimeBasis::describe)).map();
        }
    }

    /**
     * A signed checkpoint of the chain (see {@link AuditCheckpoint}), recorded in the chain after the record it
     * names, with every field of the checkpoint file; its position is {@code checkpoint_position}, since a
     * record's own position is listed beside its fields.
     */
    record AuditCheckpointTaken(SignedAuditCheckpoint checkpoint) implements AuditEvent {
        public String eventType() {
            return "audit.checkpoint";
        }

        public Map<String, Object> fields() {
            return new Fields().put("version", SignedAuditCheckpoint.VERSION).put("checkpoint_position", checkpoint.position())
                    .put("chain_hash", checkpoint.checkpoint().chainHash())
                    .put("time", checkpoint.checkpoint().timeText()).put("key_id", checkpoint.keyId())
                    .put("key_fingerprint", checkpoint.keyFingerprint())
                    .put("signature", checkpoint.signature().base64()).map();
        }
    }

    record OrganizationCreated(OrganizationId orgId, String orgName) implements AuditEvent {
        public String eventType() {
            return "organization.created";
        }

        public Map<String, Object> fields() {
            return new Fields().put("org_id", orgId).put("org_name", orgName).map();
        }
    }

    /** A key-encryption key generated inside the PKCS#11 token: its id and label, never the key. */
    record KekCreated(KekId kekId, String pkcs11Label) implements AuditEvent {
        public String eventType() {
            return "kek.created";
        }

        public Map<String, Object> fields() {
            return new Fields().put("kek_id", kekId).put("pkcs11_label", pkcs11Label).map();
        }
    }

    /**
     * Every software key re-wrapped under {@code toKekId}. {@code fromKekIds} are the KEKs given as old ones (one,
     * unless the rotation repaired a store whose keys were under several), comma-separated in {@code from_kek_id}.
     */
    record KekRotated(List<KekId> fromKekIds, KekId toKekId, int rewrapped) implements AuditEvent {
        public KekRotated {
            fromKekIds = List.copyOf(fromKekIds);
        }

        public String eventType() {
            return "kek.rotated";
        }

        public Map<String, Object> fields() {
            return new Fields()
                    .put("from_kek_id", fromKekIds.stream().map(KekId::value).collect(Collectors.joining(",")))
                    .put("to_kek_id", toKekId).put("rewrapped", Integer.toString(rewrapped)).map();
        }
    }

    /**
     * A package signed through the service from its digest (the package never travelled): the name the caller gave
     * for it, if any, instead of a path. The same event type as a signing through the CLI.
     */
    record DigestSigned(Optional<String> packageName, PackageHash packageHash, KeyId keyId,
            KeyFingerprint keyFingerprint) implements AuditEvent {
        public String eventType() {
            return "package.signed";
        }

        public Map<String, Object> fields() {
            return new Fields().put("package_name", packageName).put("package_hash", packageHash)
                    .put("key_id", keyId).put("key_fingerprint", keyFingerprint).map();
        }
    }

    /** A digest signing refused or failed (not allowed, no such key, revoked key, ...). */
    record DigestSignFailed(Optional<String> packageName, PackageHash packageHash, KeyId keyId, String error)
            implements AuditEvent {
        public String eventType() {
            return "package.sign.failure";
        }

        public Map<String, Object> fields() {
            return new Fields().put("package_name", packageName).put("package_hash", packageHash)
                    .put("key_id", keyId).put("error", error).map();
        }
    }

    /** An API token issued: its id and scope, never its secret or the secret's hash. */
    record TokenCreated(OrganizationId orgId, UUID tokenId, String role,
            Optional<String> tokenName, List<KeyId> keyIds, Optional<Instant> expiresAt)
            implements AuditEvent {
        public TokenCreated {
            keyIds = List.copyOf(keyIds);
        }

        public String eventType() {
            return "token.created";
        }

        public Map<String, Object> fields() {
            return new Fields().put("org_id", orgId).put("token_id", tokenId).put("role", role)
                    .put("token_name", tokenName)
                    .put("key_ids", keyIds.isEmpty() ? null
                            : keyIds.stream().map(KeyId::toString).collect(Collectors.joining(",")))
                    .put("expires_at", expiresAt).map();
        }
    }

    record TokenRevoked(OrganizationId orgId, UUID tokenId) implements AuditEvent {
        public String eventType() {
            return "token.revoked";
        }

        public Map<String, Object> fields() {
            return new Fields().put("org_id", orgId).put("token_id", tokenId).map();
        }
    }

    /**
     * Builds the ordered field map; values become their canonical text, optionals are unwrapped, and text too
     * wide for the record is cut and marked ({@link BoundedText}): the stream and the chain get the same fields.
     */
    final class Fields {
        private final Map<String, Object> map = new LinkedHashMap<>();

        Fields put(String name, Object value) {
            Object unwrapped = value instanceof Optional<?> optional ? optional.orElse(null) : value;
            if (unwrapped instanceof Boolean) {
                map.put(name, unwrapped);
            } else if (unwrapped != null) {
                BoundedText.put(map, name, unwrapped.toString());
            }
            return this;
        }

        Map<String, Object> map() {
            return Collections.unmodifiableMap(map);
        }
    }
}
