package dev.signet.domain.signature;

import dev.signet.domain.Require;
import dev.signet.domain.key.KeyFingerprint;
import dev.signet.domain.time.TimestampToken;
import java.time.Instant;
import java.util.Optional;

/**
 * A signature over a package: what a detached {@code .sig} file holds and what the database stores.
 * {@code signedAt} is informative only; the signature does not cover it. {@code timestampToken}, when
 * present, is a TSA's RFC 3161 token over the SHA-256 of the 64 signature bytes (issue 14).
 */
public record PackageSignature(
        PackageHash packageHash,
        KeyFingerprint keyFingerprint,
        Ed25519Signature signature,
        Instant signedAt,
        Optional<TimestampToken> timestampToken) {

    public PackageSignature {
        Require.present(packageHash, "package hash");
        Require.present(keyFingerprint, "key fingerprint");
        Require.present(signature, "signature");
        Require.present(signedAt, "signing time");
        Require.present(timestampToken, "timestamp token");
    }

    /** A signature without a timestamp, as compat.md's version 1 file has it. */
    public PackageSignature(PackageHash packageHash, KeyFingerprint keyFingerprint, Ed25519Signature signature,
            Instant signedAt) {
        this(packageHash, keyFingerprint, signature, signedAt, Optional.empty());
    }

    public PackageSignature withTimestamp(TimestampToken token) {
        return new PackageSignature(packageHash, keyFingerprint, signature, signedAt, Optional.of(token));
    }

    public SignedMessage signedMessage() {
        return SignedMessage.forPackage(packageHash);
    }
}
