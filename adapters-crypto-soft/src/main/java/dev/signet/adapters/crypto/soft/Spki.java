package dev.signet.adapters.crypto.soft;

import dev.signet.domain.key.Ed25519PublicKey;
import dev.signet.domain.key.MalformedKey;
import java.util.Arrays;
import java.util.HexFormat;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/**
 * The RFC 8410 SubjectPublicKeyInfo of an Ed25519 key. Its DER has exactly one form, a fixed 12-byte
 * prefix and the 32-byte key, so it is matched byte for byte; ASN.1 parsing is used only to explain
 * what else was given.
 */
final class Spki {
    static final byte[] PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");
    static final int LENGTH = PREFIX.length + Ed25519PublicKey.LENGTH;

    private static final String WHAT = "public key";

    private Spki() {
    }

    static byte[] encode(byte[] rawKey) {
        byte[] der = Arrays.copyOf(PREFIX, LENGTH);
        System.arraycopy(rawKey, 0, der, PREFIX.length, rawKey.length);
        return der;
    }

    /** @throws MalformedKey when {@code der} is anything but an Ed25519 SPKI */
    static byte[] rawKey(byte[] der) {
        boolean ed25519Prefix = der.length >= PREFIX.length
                && Arrays.equals(der, 0, PREFIX.length, PREFIX, 0, PREFIX.length);
        if (ed25519Prefix && der.length == LENGTH) {
            return Arrays.copyOfRange(der, PREFIX.length, LENGTH);
        }
        if (ed25519Prefix) {
            throw new MalformedKey(der.length < LENGTH
                    ? WHAT + ": Ed25519 SPKI is truncated (" + der.length + " bytes, expected " + LENGTH + ")"
                    : WHAT + ": " + (der.length - LENGTH) + " bytes of trailing data after the Ed25519 SPKI");
        }
        throw new MalformedKey(WHAT + ": " + explain(der));
    }

    private static String explain(byte[] der) {
        SubjectPublicKeyInfo info;
        try {
            info = SubjectPublicKeyInfo.getInstance(ASN1Primitive.fromByteArray(der));
        } catch (Exception e) {
            return "PEM body is not a DER SubjectPublicKeyInfo";
        }
        if (!KeyAlgorithms.ED25519.equals(info.getAlgorithm().getAlgorithm())) {
            return "not an Ed25519 key but " + KeyAlgorithms.describe(info.getAlgorithm().getAlgorithm());
        }
        if (info.getAlgorithm().getParameters() != null) {
            return "Ed25519 SPKI must have no algorithm parameters (RFC 8410)";
        }
        return "Ed25519 SPKI is not in the RFC 8410 DER form (expected " + LENGTH + " bytes starting "
                + HexFormat.of().formatHex(PREFIX) + ")";
    }
}
