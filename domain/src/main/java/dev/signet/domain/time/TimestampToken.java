package dev.signet.domain.time;

import java.util.Arrays;
import java.util.Base64;

/**
 * An RFC 3161 TimeStampToken (DER), as a {@code .sig}'s {@code timestamp_token} carries it. Only its outer
 * shape is checked here: one complete DER SEQUENCE, so that a truncated or padded token is refused when the
 * file is read; what it says (signature, signer, imprint) is the timestamp verifier's job.
 */
public record TimestampToken(byte[] der) {
    /** Real tokens with a certificate chain are a few KiB; the cap keeps a token within the .sig file's 64 KiB. */
    public static final int MAX_LENGTH = 32 * 1024;

    public TimestampToken {
        if (der == null || der.length == 0) {
            throw new IllegalArgumentException("timestamp token is empty");
        }
        if (der.length > MAX_LENGTH) {
            throw new IllegalArgumentException("timestamp token is longer than " + MAX_LENGTH + " bytes");
        }
        der = der.clone();
        requireOneDerSequence(der);
    }

    private static void requireOneDerSequence(byte[] der) {
        if ((der[0] & 0xff) != 0x30 || der.length < 2) {
            throw new IllegalArgumentException("timestamp token is not a DER SEQUENCE");
        }
        int first = der[1] & 0xff;
        long contentLength;
        int headerLength;
        if (first < 0x80) {
            contentLength = first;
            headerLength = 2;
        } else {
            int lengthBytes = first & 0x7f;
            if (lengthBytes == 0 || lengthBytes > 4 || der.length < 2 + lengthBytes) {
                throw new IllegalArgumentException("timestamp token has no valid DER length");
            }
            contentLength = 0;
            for (int i = 0; i < lengthBytes; i++) {
                contentLength = (contentLength << 8) | (der[2 + i] & 0xff);
            }
            headerLength = 2 + lengthBytes;
        }
        if (headerLength + contentLength != der.length) {
            throw new IllegalArgumentException("timestamp token is " + der.length + " bytes but its DER says "
                    + (headerLength + contentLength) + " (truncated or followed by other bytes)");
        }
    }

    @Override
    public byte[] der() {
        return der.clone();
    }

    /** Standard base64 with padding, as the {@code .sig} file carries it. */
    public String base64() {
        return Base64.getEncoder().encodeToString(der);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TimestampToken that && Arrays.equals(der, that.der);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(der);
    }

    @Override
    public String toString() {
        return "TimestampToken[" + der.length + " bytes]";
    }
}
