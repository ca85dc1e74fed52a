package dev.signet.domain.verification;

import dev.signet.domain.Hex;
import dev.signet.domain.signature.PackageHash;

/** The package's bytes are not the bytes that were signed. */
public final class TamperedPackage extends VerificationFailure {
    private final PackageHash expected;
    private final PackageHash actual;

    public TamperedPackage(PackageHash expected, PackageHash actual) {
        super("package hash " + Hex.abbreviate(actual.hex()) + " does not match the signature's "
                + Hex.abbreviate(expected.hex()));
        this.expected = expected;
        this.actual = actual;
    }

    /** The hash the signature covers. */
    public PackageHash expected() {
        return expected;
    }

    /** The hash of the package as it is now. */
    public PackageHash actual() {
        return actual;
    }

    @Override
    public String auditReason() {
        return "tampered";
    }
}
