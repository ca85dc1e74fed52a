package dev.signet.bootstrap.guide;

import dev.signet.application.port.in.AuditCheckpointUseCase;
import dev.signet.application.port.in.LoadPackageUseCase.LoadedPackage;
import dev.signet.application.port.in.SecurityConfig;
import dev.signet.application.port.in.SignPackageWithStoredKeyUseCase.StoredKeySignature;
import dev.signet.application.port.in.SignatureSource;
import dev.signet.bootstrap.KeyEncryptionKeys;
import dev.signet.bootstrap.KeyManager;
import dev.signet.bootstrap.Signet;
import dev.signet.bootstrap.Verification;
import dev.signet.domain.SignetException;
import dev.signet.domain.audit.AuditChainVerdict;
import dev.signet.domain.audit.AuditRecord;
import dev.signet.domain.audit.SignedAuditCheckpoint;
import dev.signet.domain.key.Ed25519PublicKey;
import dev.signet.domain.key.KeyId;
import dev.signet.domain.key.KeyEncryptionKey;
import dev.signet.domain.key.SigningKey;
import dev.signet.domain.organization.OrganizationId;
import dev.signet.domain.revocation.RevocationReason;
import dev.signet.domain.trust.TrustedKey;
import dev.signet.domain.verification.InvalidSignature;
import dev.signet.domain.verification.MalformedSignature;
import dev.signet.domain.verification.SignatureNotFound;
import dev.signet.domain.verification.TamperedPackage;
import dev.signet.domain.verification.UntrustedSigner;
import dev.signet.domain.verification.UntrustedTimestamp;
import dev.signet.domain.verification.VerificationFailure;
import dev.signet.domain.verification.VerifiedPackage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The Java examples of docs/guide.md. Each region between "// guide:NAME" and "// end:NAME" appears in
 * the guide verbatim ({@link GuideTest} checks that) and runs in the test suite, so the guide cannot
 * drift from the code.
 */
final class GuideExamples {
    private GuideExamples() {
    }

    static Signet setUp(String jdbcUrl, String user, String password, Map<String, String> environment) {
        // guide:setup
        KeyEncryptionKey kek = KeyEncryptionKeys.resolve(null, environment)   // SIGNET_KEY_ENCRYPTION_KEY(_FILE)
                .orElseThrow(() -> new IllegalStateException("set SIGNET_KEY_ENCRYPTION_KEY"));
        SecurityConfig config = SecurityConfig.builder()
                .requireSignatures(true)
                .keyEncryptionKey(kek)
                .build();
        Signet signet = Signet.builder()
                .jdbcUrl(jdbcUrl, user, password)      // or .dataSource(ds), or .embedded(Path.of("/var/lib/signet"))
                .securityConfig(config)
                .build();                              // migrates the schema on first use
        // end:setup
        return signet;
    }

    record Keys(OrganizationId org, OrganizationId team, SigningKey key, TrustedKey trusted, String pem) {
    }

    static Keys createAndTrust(Signet signet) {
        // guide:keys
        KeyManager keys = signet.keyManager();
        OrganizationId org = keys.createOrganization("acme").id();
        SigningKey key = keys.createSigningKey(org, "release-key-v1");   // wrapped under the config's KEK
        System.out.println(key.id() + " " + key.fingerprint());

        String pem = keys.exportPublicKey(key.id()).publicKeyPem();      // share this; it is public
        // end:keys
        // guide:trust
        TrustedKey trusted = keys.trustPublicKeyPem(org, pem, "Release Key v1");
        // or keys.trustPublicKey(org, raw32Bytes, "Release Key v1")
        // end:trust
        // guide:acl
        OrganizationId team = keys.createOrganization("acme-payments").id();
        keys.grantTrust(org, team);          // acme now also trusts every key acme-payments trusts
        // keys.revokeTrust(org, team);      // ...until the grant is revoked
        // end:acl
        return new Keys(org, team, key, trusted, pem);
    }

    static Path sign(Signet signet, Keys keys, Path dir) throws Exception {
        Path packagePath = Files.writeString(dir.resolve("my-package.so"), "a plugin", StandardCharsets.UTF_8);
        SigningKey key = keys.key();
        // guide:sign
        Path sigPath = Path.of(packagePath + ".sig");   // Cloacina's .sig format, written as part of the signing:
        StoredKeySignature sig = signet.packageSigner()   // no .sig written: the signing fails, nothing stored
                .signPackageWithDbKey(packagePath, key.id(), true, sigPath);   // true: also record it in the database
        // end:sign
        return sigPath;
    }

    static void verify(Signet signet, Keys keys, Path packagePath, Path sigPath, Path releaseKeyPem) throws Exception {
        OrganizationId orgId = keys.org();
        // guide:verify
        VerifiedPackage online = signet.verifier()
                .verifyPackage(packagePath, orgId, SignatureSource.AUTO);   // .sig beside it, else the database
        online.trustPath().ifPresent(path -> System.out.println("trusted via " + path.describe()));

        byte[] publicKey = Files.readAllBytes(releaseKeyPem);              // PEM, 32 raw bytes or 64 hex
        VerifiedPackage offline = Verification.verifyPackageOffline(packagePath, sigPath, publicKey);
        // end:verify
        if (!online.signerFingerprint().equals(offline.signerFingerprint())) {
            throw new AssertionError("online and offline verification disagree");
        }
    }

    static LoadedPackage load(Signet signet, Keys keys, Path packagePath) {
        OrganizationId orgId = keys.org();
        // guide:load
        LoadedPackage pkg = signet.packageLoader().load(packagePath, orgId);
        // pkg.path() is a private copy holding exactly the bytes that were verified: load that file,
        // never the original path, then delete it.
        // end:load
        return pkg;
    }

    static void rotate(Signet signet, Keys keys, Path packagePath) {
        KeyManager keyManager = signet.keyManager();
        OrganizationId org = keys.org();
        SigningKey v1 = keys.key();
        TrustedKey trustedV1 = keys.trusted();
        // guide:rotate
        SigningKey v2 = keyManager.createSigningKey(org, "release-key-v2");
        keyManager.trustPublicKeyPem(org, keyManager.exportPublicKey(v2.id()).publicKeyPem(), "Release Key v2");
        // ...sign new releases with v2; old and new signatures both verify during the transition...
        keyManager.revokeSigningKey(v1.id(), RevocationReason.RETIRED, Optional.empty());   // v1 signs no more
        keyManager.revokeTrustedKey(trustedV1.id(), RevocationReason.RETIRED, Optional.empty());
        // v1's packages timestamped before now still verify; those without a trusted timestamp fail: UntrustedSigner
        // end:rotate
        signet.packageSigner().signPackageWithDbKey(packagePath, v2.id(), true);
    }

    static boolean audit(Signet signet) {
        // guide:audit
        for (AuditRecord record : signet.audit().list(Optional.of("verification.failure"), Optional.empty())) {
            System.out.println(record.position() + " " + record.occurredAt() + " " + record.payload());
        }
        AuditChainVerdict verdict = signet.audit().verify();   // recomputes the hash chain
        verdict.brokenAt().ifPresent(position -> System.err.println("audit record " + position + " was tampered with"));
        // end:audit
        return verdict.isWhole();
    }

    static boolean checkpoint(Signet signet, KeyId auditKeyId, Ed25519PublicKey auditPublicKey, Path dir) {
        Path checkpointFile = dir.resolve("checkpoint.json");
        // guide:checkpoint
        AuditCheckpointUseCase checkpoints = signet.auditCheckpoints();
        SignedAuditCheckpoint taken = checkpoints.checkpoint(new AuditCheckpointUseCase.CheckpointCommand(
                auditKeyId, signet.securityConfig().keyEncryptionKey(), Optional.of(checkpointFile)));
        AuditChainVerdict verdict = checkpoints.verify(checkpoints.read(checkpointFile),
                Optional.of(auditPublicKey));   // throws InvalidAuditCheckpoint when the signature does not hold
        // end:checkpoint
        return verdict.isWhole() && taken.keyId().equals(auditKeyId);
    }

    static String errors(Signet signet, Path packagePath, OrganizationId orgId) {
        // guide:errors
        try {
            signet.verifier().verifyPackage(packagePath, orgId, SignatureSource.AUTO);
            return "verified";
        } catch (TamperedPackage e) {          // the bytes are not the ones signed
            return "tampered";
        } catch (UntrustedSigner e) {          // signed, but not by a key this organization trusts
            return "untrusted_signer";
        } catch (InvalidSignature e) {         // a trusted key, but the signature does not hold
            return "invalid_signature";
        } catch (SignatureNotFound e) {        // no .sig file and nothing in the database
            return "signature_not_found";
        } catch (MalformedSignature e) {       // a .sig file that is not valid
            return "malformed_signature";
        } catch (UntrustedTimestamp e) {       // a timestamp that does not count (another imprint, an untrusted TSA)
            return "untrusted_timestamp";
        }
        // VerificationFailure is sealed: these six are every way verification fails. Other problems
        // (database down, unreadable file) are other SignetExceptions with one-line messages.
        // end:errors
    }

    static boolean isSignetFailure(Throwable failure) {
        return failure instanceof VerificationFailure || failure instanceof SignetException;
    }
}
