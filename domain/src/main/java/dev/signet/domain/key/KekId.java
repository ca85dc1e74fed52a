package dev.signet.domain.key;

import dev.signet.domain.Hex;
import dev.signet.domain.Require;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Names a key-encryption key without revealing it: the first 8 bytes of SHA-256 over a fixed label
 * and the key, as 16 hex characters. Stored beside each wrapped key so that rotation knows which
 * rows still need re-wrapping.
 */
public record KekId(String value) {
    private static final byte[] LABEL = "signet-kek-id-v1".getBytes(StandardCharsets.US_ASCII);

    public KekId {
        value = Hex.encode(Hex.decode(Require.present(value, "KEK id"), 8, "KEK id"));
    }

    static KekId of(byte[] key) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(LABEL);
            byte[] digest = sha256.digest(key);
            byte[] prefix = new byte[8];
            System.arraycopy(digest, 0, prefix, 0, prefix.length);
            return new KekId(Hex.encode(prefix));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
