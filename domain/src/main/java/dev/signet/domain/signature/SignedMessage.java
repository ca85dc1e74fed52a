package dev.signet.domain.signature;

import dev.signet.domain.Require;

/**
 * The signed-message rule (compat.md): the Ed25519 message is the 32 raw bytes of the package's
 * SHA-256, not its hex text and not the file. Plain Ed25519, no prehash mode, no context.
 */
public record SignedMessage(PackageHash packageHash) {
    public SignedMessage {
        Require.present(packageHash, "package hash");
    }

    public static SignedMessage forPackage(PackageHash packageHash) {
        return new SignedMessage(packageHash);
    }

    /** The exact bytes handed to Ed25519 sign and verify. */
    public byte[] bytes() {
        return packageHash.bytes();
    }
}
