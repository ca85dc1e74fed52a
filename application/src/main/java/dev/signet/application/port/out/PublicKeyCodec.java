package dev.signet.application.port.out;

import dev.signet.domain.key.Ed25519PublicKey;

/** Public keys in the encodings people exchange them in. */
public interface PublicKeyCodec {
    /**
     * Reads a PEM "PUBLIC KEY" (SPKI, RFC 8410; LF or CRLF), 32 raw bytes, or 64 hex characters.
     *
     * @throws dev.signet.domain.key.MalformedKey naming what is wrong
     */
    Ed25519PublicKey read(byte[] encoded);

    /** PEM "PUBLIC KEY" with LF line ends, as OpenSSL writes it. */
    String toPem(Ed25519PublicKey publicKey);
}
