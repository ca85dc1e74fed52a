package dev.signet.domain.key;

import dev.signet.domain.Hex;
import dev.signet.domain.Require;
import java.util.Arrays;

/** Where a signing key's private half lives, and so who can use it. */
public sealed interface KeyCustody {

    /** The backend name used in configuration, the CLI and the database. */
    String kind();

    /** In the database, sealed with AES-256-GCM under the key-encryption key named by {@code kekId}. */
    record Software(WrappedPrivateKey wrappedKey, KekId kekId) implements KeyCustody {
        public static final String KIND = "software";

        public Software {
            Require.present(wrappedKey, "wrapped private key");
            Require.present(kekId, "KEK id");
        }

        @Override
        public String kind() {
            return KIND;
        }
    }

    /** Generated inside a PKCS#11 token, sensitive and non-extractable; found by token label and CKA_ID. */
    record Hsm(String tokenLabel, byte[] objectId) implements KeyCustody {
        public static final String KIND = "pkcs11";

        public Hsm {
            tokenLabel = Require.name(tokenLabel, 32, "token label");
            objectId = Require.present(objectId, "token object id").clone();
            if (objectId.length == 0 || objectId.length > 64) {
                throw new IllegalArgumentException("token object id must be 1 to 64 bytes, got " + objectId.length);
            }
        }

        @Override
        public byte[] objectId() {
            return objectId.clone();
        }

        @Override
        public String kind() {
            return KIND;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Hsm that && tokenLabel.equals(that.tokenLabel)
                    && Arrays.equals(objectId, that.objectId);
        }

        @Override
        public int hashCode() {
            return 31 * tokenLabel.hashCode() + Arrays.hashCode(objectId);
        }

        @Override
        public String toString() {
            return "Hsm[token=" + tokenLabel + ", objectId=" + Hex.encode(objectId) + "]";
        }
    }
}
