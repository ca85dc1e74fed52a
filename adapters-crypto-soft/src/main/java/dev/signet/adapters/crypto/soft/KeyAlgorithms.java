package dev.signet.adapters.crypto.soft;

import java.util.Map;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;

/** Names for the key algorithm OIDs people are likely to hand over by mistake, for error messages only. */
final class KeyAlgorithms {
    static final ASN1ObjectIdentifier ED25519 = new ASN1ObjectIdentifier("1.3.101.112");

    private static final Map<String, String> NAMES = Map.of(
            "1.3.101.112", "Ed25519",
            "1.3.101.113", "Ed448",
            "1.3.101.110", "X25519",
            "1.3.101.111", "X448",
            "1.2.840.113549.1.1.1", "RSA",
            "1.2.840.113549.1.1.10", "RSASSA-PSS",
            "1.2.840.10045.2.1", "EC",
            "1.2.840.10040.4.1", "DSA",
            "1.2.840.113549.1.3.1", "DH");

    private KeyAlgorithms() {
    }

    /** E.g. "Ed448 (OID 1.3.101.113)", or "OID 1.2.3" when the name is not known here. */
    static String describe(ASN1ObjectIdentifier oid) {
        String name = NAMES.get(oid.getId());
        return name == null ? "OID " + oid.getId() : name + " (OID " + oid.getId() + ")";
    }
}
