package dev.signet.adapters.crypto.soft;

import java.util.Arrays;

/** One PEM block: its label and the DER bytes it armours. The DER may be secret, so it can be wiped. */
record PemBlock(String label, byte[] der) {

    /** Overwrites the DER bytes; call it in a finally block once the block was read. */
    void wipe() {
        Arrays.fill(der, (byte) 0);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PemBlock that && label.equals(that.label) && Arrays.equals(der, that.der);
    }

    @Override
    public int hashCode() {
        return 31 * label.hashCode() + Arrays.hashCode(der);
    }

    /** Never prints the DER: it may be a private key. */
    @Override
    public String toString() {
        return "PemBlock[" + label + ", " + der.length + " bytes]";
    }
}
