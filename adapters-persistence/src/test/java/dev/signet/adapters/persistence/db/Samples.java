package dev.signet.adapters.persistence.db;

import dev.signet.domain.key.Ed25519PublicKey;
import dev.signet.domain.key.KekId;
import dev.signet.domain.key.KeyCustody;
import dev.signet.domain.key.KeyId;
import dev.signet.domain.key.KeyName;
import dev.signet.domain.key.SigningKey;
import dev.signet.domain.key.WrappedPrivateKey;
import dev.signet.domain.organization.Organization;
import dev.signet.domain.organization.OrganizationId;
import dev.signet.domain.organization.OrganizationName;
import dev.signet.domain.signature.Ed25519Signature;
import dev.signet.domain.signature.PackageHash;
import dev.signet.domain.signature.PackageSignature;
import dev.signet.domain.trust.TrustAcl;
import dev.signet.domain.trust.TrustedKey;
import dev.signet.domain.trust.TrustedKeyId;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Test data builders for the database tests. Times are whole microseconds, the precision the database keeps,
 * so that what is read back can be compared with what was written.
 */
public final class Samples {
    private static final SecureRandom RANDOM = new SecureRandom();
    /** A fixed, microsecond-precise moment with a non-zero fraction, to catch lost digits. */
    public static final Instant T0 = Instant.parse("2026-01-28T12:00:00.123456Z");

    private Samples() {
    }

    public static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    public static Instant at(long secondsAfterT0) {
        return T0.plus(secondsAfterT0, ChronoUnit.SECONDS);
    }

    public static Organization organization(String name) {
        return new Organization(OrganizationId.random(), new OrganizationName(name), T0);
    }

    public static Ed25519PublicKey publicKey() {
        return new Ed25519PublicKey(randomBytes(32));
    }

    public static KeyCustody.Software softwareCustody() {
        return new KeyCustody.Software(new WrappedPrivateKey(randomBytes(60)), new KekId("0123456789abcdef"));
    }

    public static KeyCustody.Hsm hsmCustody() {
        return new KeyCustody.Hsm("signet-token", new byte[] {0x01, 0x02, (byte) 0xff});
    }

    public static SigningKey signingKey(OrganizationId org, String name, KeyCustody custody, Instant createdAt) {
        return new SigningKey(KeyId.random(), org, new KeyName(name), publicKey(), custody, createdAt, Optional.empty());
    }

    public static SigningKey softwareKey(OrganizationId org, String name) {
        return signingKey(org, name, softwareCustody(), T0);
    }

    public static SigningKey hsmKey(OrganizationId org, String name) {
        return signingKey(org, name, hsmCustody(), T0);
    }

    public static TrustedKey trustedKey(OrganizationId org, Ed25519PublicKey key, Instant addedAt) {
        return new TrustedKey(TrustedKeyId.random(), org, key, Optional.of("Release Key"), addedAt, Optional.empty());
    }

    public static TrustAcl grant(OrganizationId parent, OrganizationId child, Instant grantedAt) {
        return new TrustAcl(parent, child, grantedAt, Optional.empty());
    }

    public static PackageHash packageHash() {
        return new PackageHash(randomBytes(32));
    }

    public static PackageSignature signature(PackageHash hash, SigningKey key, Instant signedAt) {
        return new PackageSignature(hash, key.fingerprint(), new Ed25519Signature(randomBytes(64)), signedAt);
    }
}
