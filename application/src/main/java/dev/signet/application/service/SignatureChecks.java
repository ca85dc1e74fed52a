package dev.signet.application.service;

import dev.signet.application.port.out.SignatureVerifier;
import dev.signet.domain.key.Ed25519PublicKey;
import dev.signet.domain.key.KeyFingerprint;
import dev.signet.domain.signature.PackageHash;
import dev.signet.domain.signature.PackageSignature;
import dev.signet.domain.time.TimeBasis;
import dev.signet.domain.trust.TrustPath;
import dev.signet.domain.verification.InvalidSignature;
import dev.signet.domain.verification.SignatureOrigin;
import dev.signet.domain.verification.TamperedPackage;
import dev.signet.domain.verification.UntrustedSigner;
import dev.signet.domain.verification.VerifiedPackage;
import java.util.Optional;
import java.util.function.Function;

/**
 * The checks after a signature is in hand, in compat.md's order, shared by offline and online
 * verification: the package is the one signed (TamperedPackage), the signer is trusted
 * (UntrustedSigner), the Ed25519 signature holds (InvalidSignature).
 */
final class SignatureChecks {
    /** A key the verifier accepts, and (online) why it accepts it. */
    record TrustedSigner(Ed25519PublicKey publicKey, Optional<TrustPath> trustPath) {
    }

    private final SignatureVerifier verifier;

    SignatureChecks(SignatureVerifier verifier) {
        this.verifier = verifier;
    }

    /**
     * @param trustedSigners the key the verifier trusts under a fingerprint, if any
     * @param untrustedReason how to finish "signer X ..." when the fingerprint is not trusted
     * @param basis the time the signature is judged at (trustedSigners judged it there)
     */
    VerifiedPackage check(PackageSignature signature, PackageHash actualHash, SignatureOrigin origin,
            Function<KeyFingerprint, Optional<TrustedSigner>> trustedSigners, String untrustedReason, TimeBasis basis) {
        if (!signature.packageHash().equals(actualHash)) {
            throw new TamperedPackage(signature.packageHash(), actualHash);
        }
        TrustedSigner signer = trustedSigners.apply(signature.keyFingerprint())
                .orElseThrow(() -> new UntrustedSigner(signature.keyFingerprint(), untrustedReason, basis));
        if (!verifier.verify(signer.publicKey(), signature.signedMessage(), signature.signature())) {
            throw new InvalidSignature(signature.keyFingerprint());
        }
        return new VerifiedPackage(actualHash, signature.keyFingerprint(), origin, signer.trustPath(), basis);
    }
}
