package dev.signet.adapters.crypto.soft;

import dev.signet.domain.key.Ed25519PrivateKey;
import dev.signet.domain.key.MalformedKey;
import java.io.IOException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * Ed25519 private keys in PKCS#8 PEM ("PRIVATE KEY"), as {@code openssl genpkey -algorithm ed25519} writes
 * them (RFC 8410: version 0, no parameters, the 32-byte seed in an inner OCTET STRING). Version 1
 * (RFC 5958 OneAsymmetricKey, with the public key attached) is read too, and the attached public key
 * must belong to the seed, since a mismatch means the file was assembled wrongly.
 *
 * <p>Encrypted PKCS#8 is refused with a hint to decrypt it with OpenSSL first: Signet keeps private keys
 * wrapped under its key-encryption key, so password-based encryption would only be a second, weaker
 * scheme to get right. DER must be strict (re-encoding must give the same bytes), so no BER variant
 * or trailing data slips through. Messages never quote key bytes; intermediate copies are wiped.
 */
public final class Pkcs8PrivateKeyReader {
    /** The whole DER of an RFC 8410 v1 key is this prefix and the 32-byte seed. */
    static final byte[] V1_PREFIX = HexFormat.of().parseHex("302e020100300506032b657004220420");

    private static final String WHAT = "private key";
    /** The privateKey field's content: OCTET STRING (0x04), length 32, then the seed. */
    private static final int INNER_OCTET_STRING = 0x04;

    /** @throws MalformedKey saying what is wrong, never quoting the key */
    public Ed25519PrivateKey read(byte[] pem) {
        Objects.requireNonNull(pem, "private key PEM");
        PemBlock block = Pem.parse(pem, PemLabels.PRIVATE_KEY, WHAT);
        try {
            return fromDer(block.der());
        } finally {
            block.wipe();
        }
    }

    /**
     * The key as PKCS#8 v1 PEM (LF line ends), byte for byte what OpenSSL writes. Returned as bytes, not a
     * String, so that the caller can wipe it once it is written.
     */
    public byte[] toPkcs8Pem(Ed25519PrivateKey privateKey) {
        byte[] seed = privateKey.seed();
        byte[] der = Arrays.copyOf(V1_PREFIX, V1_PREFIX.length + seed.length);
        try {
            System.arraycopy(seed, 0, der, V1_PREFIX.length, seed.length);
            return Pem.encode(PemLabels.PRIVATE_KEY, der);
        } finally {
            Arrays.fill(seed, (byte) 0);
            Arrays.fill(der, (byte) 0);
        }
    }

    private static Ed25519PrivateKey fromDer(byte[] der) {
        PrivateKeyInfo info = parseStrictDer(der);
        // getOctets() hands out BC's own array, so wiping it wipes the parsed copy of the key.
        byte[] field = info.getPrivateKey().getOctets();
        byte[] seed = null;
        try {
            requireEd25519(info.getPrivateKeyAlgorithm());
            if (field.length != 2 + Ed25519PrivateKey.LENGTH || field[0] != INNER_OCTET_STRING
                    || field[1] != Ed25519PrivateKey.LENGTH) {
                throw new MalformedKey(WHAT + ": the Ed25519 private key field must be an OCTET STRING of "
                        + Ed25519PrivateKey.LENGTH + " bytes (RFC 8410)");
            }
            seed = Arrays.copyOfRange(field, 2, field.length);
            if (info.hasPublicKey()) {
                requireMatchingPublicKey(info, seed);
            }
            return Ed25519PrivateKey.fromSeed(seed);
        } finally {
            Arrays.fill(field, (byte) 0);
            if (seed != null) {
                Arrays.fill(seed, (byte) 0);
            }
        }
    }

    private static PrivateKeyInfo parseStrictDer(byte[] der) {
        PrivateKeyInfo info;
        try {
            info = PrivateKeyInfo.getInstance(ASN1Primitive.fromByteArray(der));
        } catch (IOException | RuntimeException e) {
            throw new MalformedKey(WHAT + ": PEM body is not a DER PKCS#8 PrivateKeyInfo", e);
        }
        if (info == null) {
            throw new MalformedKey(WHAT + ": PEM body is not a DER PKCS#8 PrivateKeyInfo");
        }
        byte[] again = null;
        try {
            again = info.getEncoded(ASN1Encoding.DER);
            if (!Arrays.equals(again, der)) {
                Arrays.fill(info.getPrivateKey().getOctets(), (byte) 0);
                throw new MalformedKey(WHAT + ": PKCS#8 is not in DER form (BER encoding)");
            }
            return info;
        } catch (IOException e) {
            throw new MalformedKey(WHAT + ": PEM body is not a DER PKCS#8 PrivateKeyInfo", e);
        } finally {
            if (again != null) {
                Arrays.fill(again, (byte) 0);
            }
        }
    }

    private static void requireEd25519(AlgorithmIdentifier algorithm) {
        if (!KeyAlgorithms.ED25519.equals(algorithm.getAlgorithm())) {
            throw new MalformedKey(WHAT + " is not an Ed25519 key but " + KeyAlgorithms.describe(algorithm.getAlgorithm()));
        }
        if (algorithm.getParameters() != null) {
            throw new MalformedKey(WHAT + ": Ed25519 PKCS#8 must have no algorithm parameters (RFC 8410)");
        }
    }

    private static void requireMatchingPublicKey(PrivateKeyInfo info, byte[] seed) {
        byte[] attached;
        try {
            attached = info.getPublicKeyData().getOctets();
        } catch (RuntimeException e) {
            throw new MalformedKey(WHAT + ": the attached public key is not a whole number of bytes", e);
        }
        byte[] derived = new byte[Ed25519.PUBLIC_KEY_SIZE];
        Ed25519.generatePublicKey(seed, 0, derived, 0);
        if (!Arrays.equals(attached, derived)) {
            throw new MalformedKey(WHAT + ": the public key attached to the PKCS#8 key does not belong to it");
        }
    }
}
