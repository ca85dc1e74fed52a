package dev.signet.domain.key;

import dev.signet.domain.organization.OrganizationId;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.UUID;

/**
 * The at-rest layout of a wrapped private key (docs/decisions/0002), the same whether the AES-256-GCM
 * runs in process or inside an HSM:
 * <pre>
 * wrapped = 0x01 || nonce (12 bytes) || ciphertext (32) || tag (16)                   61 bytes
 * AAD     = "signet-private-key-v1" || organization id (16 bytes) || key id (16 bytes)
 * </pre>
 */
public final class WrappedKeyLayout {
    public static final byte VERSION = 1;
    public static final int NONCE_BYTES = 12;
    public static final int TAG_BITS = 128;
    public static final int WRAPPED_BYTES = 1 + NONCE_BYTES + Ed25519PrivateKey.LENGTH + TAG_BITS / 8;
    private static final byte[] AAD_LABEL = "signet-private-key-v1".getBytes(StandardCharsets.US_ASCII);

    private WrappedKeyLayout() {
    }

    /** Binds the ciphertext to its row: a wrapped key copied to another key or organization fails to open. */
    public static byte[] associatedData(KeyId keyId, OrganizationId organization) {
        return ByteBuffer.allocate(AAD_LABEL.length + 32).put(AAD_LABEL)
                .put(uuidBytes(organization.value())).put(uuidBytes(keyId.value())).array();
    }

    public static WrappedPrivateKey assemble(byte[] nonce, byte[] ciphertextAndTag) {
        return new WrappedPrivateKey(ByteBuffer.allocate(WRAPPED_BYTES).put(VERSION).put(nonce).put(ciphertextAndTag)
                .array());
    }

    /** @throws KeyUnwrapFailed when the stored value is not this layout */
    public static Parts parse(WrappedPrivateKey wrapped, KeyId keyId) {
        byte[] bytes = wrapped.bytes();
        if (bytes.length != WRAPPED_BYTES || bytes[0] != VERSION) {
            throw new KeyUnwrapFailed(keyId, "the stored value is not a version 1 wrapped key");
        }
        return new Parts(Arrays.copyOfRange(bytes, 1, 1 + NONCE_BYTES),
                Arrays.copyOfRange(bytes, 1 + NONCE_BYTES, bytes.length));
    }

    public record Parts(byte[] nonce, byte[] ciphertextAndTag) {
    }

    private static byte[] uuidBytes(UUID uuid) {
        return ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits())
                .array();
    }
}
