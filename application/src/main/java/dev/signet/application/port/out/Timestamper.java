package dev.signet.application.port.out;

import dev.signet.domain.signature.Ed25519Signature;
import dev.signet.domain.time.TimestampToken;
import java.net.URI;

/** Asks an RFC 3161 time-stamping authority for a timestamp over a signature. */
public interface Timestamper {

    /**
     * The TSA's token over the SHA-256 of the 64 signature bytes, with a fresh nonce and the signer's
     * certificate requested; the response is checked (granted, same imprint, same nonce) before it is returned.
     *
     * @throws dev.signet.domain.time.TimestampFailed when the TSA cannot be reached or its answer does not hold
     */
    TimestampToken timestamp(URI tsa, Ed25519Signature signature);
}
