package dev.signet.adapters.crypto.pkcs11;

import dev.signet.domain.Hex;
import dev.signet.domain.key.Ed25519PublicKey;
import dev.signet.domain.key.MalformedKey;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * How Ed25519 keys look in PKCS#11 attributes (PKCS#11 v3.0, "EC Edwards"), written by Signet and by
 * other tools.
 */
final class EdwardsEncoding {
    /** CKA_EC_PARAMS as Signet writes it: DER OBJECT IDENTIFIER 1.3.101.112 (id-Ed25519, RFC 8410). */
    static final byte[] ED25519_OID = {0x06, 0x03, 0x2B, 0x65, 0x70};

    /**
     * CKA_EC_PARAMS as the curve name, DER PrintableString "edwards25519", which the standard also allows
     * and which OpenSC's pkcs11-tool (0.23) writes for --key-type EC:edwards25519.
     */
    static final byte[] EDWARDS25519_NAME = der((byte) 0x13, "edwards25519".getBytes(StandardCharsets.US_ASCII));

    private EdwardsEncoding() {
    }

    static boolean isEd25519(byte[] ecParams) {
        return Arrays.equals(ecParams, ED25519_OID) || Arrays.equals(ecParams, EDWARDS25519_NAME);
    }

    /**
     * The raw 32-byte key from CKA_EC_POINT. The standard says a DER OCTET STRING (04 20 || key), which
     * SoftHSM 2.6.1 returns; some tokens return the 32 bytes bare. Both are accepted, nothing else.
     */
    static Ed25519PublicKey publicKey(byte[] ecPoint) {
        if (ecPoint.length == Ed25519PublicKey.LENGTH + 2 && ecPoint[0] == 0x04
                && ecPoint[1] == Ed25519PublicKey.LENGTH) {
            return new Ed25519PublicKey(Arrays.copyOfRange(ecPoint, 2, ecPoint.length));
        }
        if (ecPoint.length == Ed25519PublicKey.LENGTH) {
            return new Ed25519PublicKey(ecPoint);
        }
        throw new MalformedKey("CKA_EC_POINT is neither a DER OCTET STRING of 32 bytes nor 32 raw bytes: "
                + Hex.abbreviate(Hex.encode(ecPoint)) + " (" + ecPoint.length + " bytes)");
    }

    private static byte[] der(byte tag, byte[] content) {
        byte[] encoded = new byte[content.length + 2];
        encoded[0] = tag;
        encoded[1] = (byte) content.length;
        System.arraycopy(content, 0, encoded, 2, content.length);
        return encoded;
    }
}
