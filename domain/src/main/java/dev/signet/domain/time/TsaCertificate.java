package dev.signet.domain.time;

import dev.signet.domain.Require;
import java.util.Arrays;

/**
 * A time-stamping authority's certificate that a verifier trusts as an anchor (DER X.509), with its subject
 * as the adapter that parsed it read it. A timestamp counts only when its signer chains to one of these.
 */
public record TsaCertificate(byte[] der, String subject) {
    public TsaCertificate {
        Require.present(der, "TSA certificate");
        if (der.length == 0) {
            throw new IllegalArgumentException("TSA certificate is empty");
        }
        der = der.clone();
        Require.present(subject, "TSA certificate subject");
    }

    @Override
    public byte[] der() {
        return der.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TsaCertificate that && Arrays.equals(der, that.der);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(der);
    }

    @Override
    public String toString() {
        return "TsaCertificate[" + subject + "]";
    }
}
