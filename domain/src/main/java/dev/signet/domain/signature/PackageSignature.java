package dev.signet.domain.signature;

import dev.signet.domain.Require;
import dev.signet.domain.key.KeyFingerprint;
import java.time.Instant;

/**
 * A signature over a package: what a detached {@code .sig} file holds and what the database stores.
 * {@code signedAt} is informative only; the signature does not cover it.
 */
public record PackageSignature(
        PackageHash packageHash,
        KeyFingerprint keyFingerprint,
        Ed25519Signature signature,
        Instant signedAt) {

    public PackageSignature {
        Require.present(packageHash, "package hash");
        Require.present(keyFingerprint, "key fingerprint");
        Require.present(signature, "signature");
        Require.present(signedAt, "signing time");
    }

    public SignedMessage signedMessage() {
        return SignedMessage.forPackage(packageHash);
    }
}
