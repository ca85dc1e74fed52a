package dev.signet.application.port.out;

import dev.signet.domain.signature.Ed25519Signature;
import dev.signet.domain.time.TimeBasis;
import dev.signet.domain.time.TimestampToken;
import dev.signet.domain.time.TsaCertificate;
import java.util.List;

/** Checks an RFC 3161 timestamp token against the TSA certificates a verifier trusts. */
public interface TimestampVerifier {

    /**
     * The token's time, when its CMS signature verifies, its signer chains to one of {@code trusted} and has
     * the critical timeStamping extended key usage, and its imprint is the SHA-256 of {@code signature}.
     *
     * @throws dev.signet.domain.verification.UntrustedTimestamp naming which of these fails
     * @throws dev.signet.domain.verification.MalformedSignature when the token is not a TimeStampToken at all
     */
    TimeBasis.TrustedTime verify(TimestampToken token, Ed25519Signature signature, List<TsaCertificate> trusted);

    /**
     * A TSA certificate from PEM ("CERTIFICATE") or DER bytes.
     *
     * @throws IllegalArgumentException when the bytes are no X.509 certificate
     */
    TsaCertificate readCertificate(byte[] pemOrDer);
}
