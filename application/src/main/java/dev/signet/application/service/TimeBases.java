package dev.signet.application.service;

import dev.signet.application.port.out.TimestampVerifier;
import dev.signet.domain.signature.PackageSignature;
import dev.signet.domain.time.TimeBasis;
import dev.signet.domain.time.TsaCertificate;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The time basis of one signature: the TSA's trusted time when it carries a token and the verifier trusts
 * some TSA, the current time otherwise (saying why a token it carries was not checked). A token that is
 * checked and fails refuses the verification (UntrustedTimestamp); it never falls back to the current time.
 */
final class TimeBases {
    static final String NO_TSA_CONFIGURED = "timestamp not checked: no TSA configured";

    /** For a verification with no TSA trust at all, which therefore never checks a token. */
    static final TimestampVerifier NEVER_CALLED = new TimestampVerifier() {
        @Override
        public TimeBasis.TrustedTime verify(dev.signet.domain.time.TimestampToken token,
                dev.signet.domain.signature.Ed25519Signature signature, List<TsaCertificate> trusted) {
            throw new IllegalStateException("no timestamp verifier configured");
        }

        @Override
        public TsaCertificate readCertificate(byte[] pemOrDer) {
            throw new IllegalStateException("no timestamp verifier configured");
        }
    };

    private final TimestampVerifier verifier;

    TimeBases(TimestampVerifier verifier) {
        this.verifier = verifier;
    }

    TimeBasis of(PackageSignature signature, List<TsaCertificate> trustedTsas, Instant now) {
        if (signature.timestampToken().isEmpty()) {
            return TimeBasis.currentTime(now);
        }
        if (trustedTsas.isEmpty()) {
            return new TimeBasis.CurrentTime(now, Optional.of(NO_TSA_CONFIGURED));
        }
        return verifier.verify(signature.timestampToken().get(), signature.signature(), trustedTsas);
    }
}
