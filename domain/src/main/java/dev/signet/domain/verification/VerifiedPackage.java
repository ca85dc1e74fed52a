package dev.signet.domain.verification;

import dev.signet.domain.Require;
import dev.signet.domain.key.KeyFingerprint;
import dev.signet.domain.signature.PackageHash;
import dev.signet.domain.time.TimeBasis;
import dev.signet.domain.trust.TrustPath;
import java.util.Optional;

/**
 * A successful verification: the package's hash, who signed it, where the signature came from, online the
 * trust path that made the signer acceptable (offline, the caller's public key did), and the time the signature
 * was judged at.
 */
public record VerifiedPackage(
        PackageHash packageHash,
        KeyFingerprint signerFingerprint,
        SignatureOrigin origin,
        Optional<TrustPath> trustPath,
        TimeBasis timeBasis) {

    public VerifiedPackage {
        Require.present(packageHash, "package hash");
        Require.present(signerFingerprint, "signer fingerprint");
        Require.present(origin, "signature origin");
        Require.present(trustPath, "trust path");
        Require.present(timeBasis, "time basis");
    }
}
