package dev.signet.adapters.persistence.sigfile;

import dev.signet.domain.key.KeyFingerprint;
import dev.signet.domain.signature.Ed25519Signature;
import dev.signet.domain.signature.PackageHash;
import dev.signet.domain.signature.PackageSignature;
import java.time.Instant;
import java.util.Base64;

/** The hello-world signature of the shared Cloacina fixtures, spelled out so tests do not need the files. */
final class SampleSignatures {
    static final String PACKAGE_HASH = "b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9";
    static final String KEY_FINGERPRINT = "21fe31dfa154a261626bf854046fd2271b7bed4b6abe45aa58877ef47f9721b9";
    static final String SIGNATURE =
            "QK5NMNtpopUN87SlMPyE7T6zp9OyKS97IU2bHDePHdyDUhIaSHrvDIdtepQ9Pk2Tb7ek4D3gugITFJ0JkhD1Cw==";
    static final String SIGNED_AT = "2026-01-28T12:00:00+00:00";

    /** Exactly what Cloacina writes for it (and hello-world.pkg.sig holds). */
    static final String HELLO_WORLD_JSON = "{\n"
            + "  \"version\": 1,\n"
            + "  \"algorithm\": \"ed25519\",\n"
            + "  \"package_hash\": \"" + PACKAGE_HASH + "\",\n"
            + "  \"key_fingerprint\": \"" + KEY_FINGERPRINT + "\",\n"
            + "  \"signature\": \"" + SIGNATURE + "\",\n"
            + "  \"signed_at\": \"" + SIGNED_AT + "\"\n"
            + "}";

    private SampleSignatures() {
    }

    static PackageSignature helloWorld() {
        return signedAt(Instant.parse("2026-01-28T12:00:00Z"));
    }

    static PackageSignature signedAt(Instant signedAt) {
        return new PackageSignature(PackageHash.fromHex(PACKAGE_HASH), KeyFingerprint.fromHex(KEY_FINGERPRINT),
                new Ed25519Signature(Base64.getDecoder().decode(SIGNATURE)), signedAt);
    }
}
