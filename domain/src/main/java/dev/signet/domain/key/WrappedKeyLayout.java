package dev.signet.domain.key;

import dev.signet.domain.organization.OrganizationId;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Optional;
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

    /** AES-256-GCM under one KEK, wherever it runs (in process or in an HSM). */
    public interface Aead {
        /** @return ciphertext || tag */
        byte[] seal(byte[] nonce, byte[] associatedData, byte[] plaintext);

        /** @return the plaintext, or empty when the ciphertext, nonce or associated data is not authentic */
        Optional<byte[]> open(byte[] nonce, byte[] associatedData, byte[] ciphertextAndTag);
    }

    /** Wraps a private key under {@code kek} with a fresh nonce, bound to its row; the seed copy is wiped. */
    public static KeyCustody.Software wrap(Ed25519PrivateKey privateKey, KeyEncryptionKey kek, KeyId keyId,
            OrganizationId organization, Aead aead, SecureRandom random) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        byte[] seed = privateKey.seed();
        try {
            byte[] sealed = aead.seal(nonce, associatedData(keyId, organization), seed);
            return new KeyCustody.Software(assemble(nonce, sealed), kek.id());
        } finally {
            Arrays.fill(seed, (byte) 0);
        }
    }

    /**
     * Opens a wrapped private key; the decrypted seed copy is wiped.
     *
     * @throws WrongKeyEncryptionKey when {@code kek} is not the one it was wrapped under
     * @throws KeyUnwrapFailed when the stored value is not authentic for this row
     */
    public static Ed25519PrivateKey unwrap(KeyCustody.Software custody, KeyEncryptionKey kek, KeyId keyId,
            OrganizationId organization, Aead aead) {
        if (!custody.kekId().equals(kek.id())) {
            throw new WrongKeyEncryptionKey(keyId, custody.kekId(), kek.id());
        }
        Parts parts = parse(custody.wrappedKey(), keyId);
        byte[] seed = aead.open(parts.nonce(), associatedData(keyId, organization), parts.ciphertextAndTag())
                .orElseThrow(() -> new KeyUnwrapFailed(keyId, "authentication failed: the ciphertext was altered or "
                        + "belongs to another key or organization"));
        try {
            return Ed25519PrivateKey.fromSeed(seed);
        } finally {
            Arrays.fill(seed, (byte) 0);
        }
    }

    private static byte[] uuidBytes(UUID uuid) {
        return ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits())
                .array();
    }
}
