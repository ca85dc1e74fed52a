package dev.signet.adapters.crypto.soft;

import dev.signet.application.port.out.PublicKeyCodec;
import dev.signet.domain.key.Ed25519PublicKey;
import dev.signet.domain.key.MalformedKey;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Reads a public key given as PEM "PUBLIC KEY" (RFC 8410 SPKI; OpenSSL's LF or Cloacina's CRLF), as 64 hex
 * characters, or as 32 raw bytes, and writes PEM exactly as {@code openssl pkey -pubout} does.
 *
 * <p>The form is decided in this order, so that no input is open to two readings: input that starts
 * (after whitespace) with "-----" is PEM; otherwise exactly 32 bytes that are not all text are a raw key;
 * anything else must be hex. A raw key that happened to be all printable ASCII would be read as text and
 * rejected; for a random key the chance is (98/256)^32, about 5e-14. Text can never be 32 raw bytes, so
 * 32 hex characters (half a key) is reported as too short rather than taken as binary.
 *
 * <p>Every key read is also checked to be a valid point of Ed25519's prime-order subgroup
 * ({@link PublicKeyPoints}), so that a bad key is refused when it is imported, with a message, rather
 * than making every later verification fail.
 */
public final class PemPublicKeyCodec implements PublicKeyCodec {
    private static final String WHAT = "public key";
    private static final int HEX_LENGTH = 2 * Ed25519PublicKey.LENGTH;

    @Override
    public Ed25519PublicKey read(byte[] encoded) {
        Objects.requireNonNull(encoded, "encoded public key");
        byte[] raw = decode(encoded);
        PublicKeyPoints.requireValid(raw);
        return new Ed25519PublicKey(raw);
    }

    @Override
    public String toPem(Ed25519PublicKey publicKey) {
        return new String(Pem.encode(PemLabels.PUBLIC_KEY, Spki.encode(publicKey.bytes())), StandardCharsets.US_ASCII);
    }

    private static byte[] decode(byte[] encoded) {
        if (encoded.length == 0) {
            throw new MalformedKey(WHAT + " is empty");
        }
        if (Pem.looksLikePem(encoded)) {
            return Spki.rawKey(Pem.parse(encoded, PemLabels.PUBLIC_KEY, WHAT).der());
        }
        boolean text = Ascii.isText(encoded);
        if (!text && encoded.length == Ed25519PublicKey.LENGTH) {
            return encoded.clone();
        }
        if (!text) {
            throw new MalformedKey(WHAT + " is " + encoded.length + " bytes of binary data; a raw Ed25519 public key is exactly "
                    + Ed25519PublicKey.LENGTH + " bytes");
        }
        return fromHex(encoded);
    }

    private static byte[] fromHex(byte[] text) {
        int start = Ascii.firstNonWhitespace(text);
        int end = Ascii.endOfNonWhitespace(text, start);
        if (start == end) {
            throw new MalformedKey(WHAT + " is empty");
        }
        int firstNonHex = start;
        while (firstNonHex < end && Ascii.isHexDigit(text[firstNonHex])) {
            firstNonHex++;
        }
        if (firstNonHex == end && end - start != HEX_LENGTH) {
            throw new MalformedKey(WHAT + " in hex must be " + HEX_LENGTH + " hex characters, got " + (end - start));
        }
        if (firstNonHex != end && end - start == HEX_LENGTH) {
            throw new MalformedKey(WHAT + " has a non-hex character at position " + (firstNonHex - start));
        }
        if (firstNonHex != end) {
            throw new MalformedKey(WHAT + " is not a PEM \"PUBLIC KEY\", " + HEX_LENGTH + " hex characters or "
                    + Ed25519PublicKey.LENGTH + " raw bytes");
        }
        return HexFormat.of().parseHex(new String(text, start, HEX_LENGTH, StandardCharsets.US_ASCII));
    }
}
