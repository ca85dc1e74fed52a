package dev.signet.domain.signature;

import dev.signet.domain.Hex;
import dev.signet.domain.Require;
import java.util.Arrays;

/** SHA-256 of a package file's bytes; written as 64 lowercase hex characters (Cloacina's package_hash). */
public record PackageHash(byte[] bytes) {
    public static final int LENGTH = 32;

    public PackageHash {
        bytes = Require.length(bytes, LENGTH, "package hash");
    }

    /** Reads 64 hex characters, either case. */
    public static PackageHash fromHex(String hex) {
        return new PackageHash(Hex.decode(hex, LENGTH, "package hash"));
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    public String hex() {
        return Hex.encode(bytes);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PackageHash that && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return hex();
    }
}
