package dev.signet.adapters.crypto.soft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signet.domain.Hex;
import dev.signet.domain.key.Ed25519PrivateKey;
import dev.signet.domain.key.KeyCustody;
import dev.signet.domain.key.KeyEncryptionKey;
import dev.signet.domain.key.KeyId;
import dev.signet.domain.key.KeyUnwrapFailed;
import dev.signet.domain.key.WrappedPrivateKey;
import dev.signet.domain.key.WrongKeyEncryptionKey;
import dev.signet.domain.organization.OrganizationId;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class AesGcmPrivateKeyWrapperTest {
    private static final byte[] SEED = Hex.decode(
            "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60", 32, "seed");

    private final AesGcmPrivateKeyWrapper wrapper = new AesGcmPrivateKeyWrapper();
    private final KeyEncryptionKey.InMemory kek = randomKek();
    private final KeyId keyId = KeyId.random();
    private final OrganizationId org = OrganizationId.random();

    @Test
    void a_wrapped_key_unwraps_to_the_same_seed_under_the_same_kek_and_row() {
        KeyCustody.Software custody = wrapper.wrap(Ed25519PrivateKey.fromSeed(SEED), kek, keyId, org);
        assertThat(custody.kekId()).isEqualTo(kek.id());
        assertThat(custody.wrappedKey().bytes()).hasSize(61).startsWith(1);
        try (Ed25519PrivateKey unwrapped = wrapper.unwrap(custody, kek, keyId, org)) {
            assertThat(unwrapped.seed()).isEqualTo(SEED);
        }
    }

    @Test
    void the_plaintext_seed_does_not_appear_in_the_wrapped_bytes() {
        byte[] wrapped = wrapper.wrap(Ed25519PrivateKey.fromSeed(SEED), kek, keyId, org).wrappedKey().bytes();
        assertThat(Hex.encode(wrapped)).doesNotContain(Hex.encode(SEED).substring(0, 16));
    }

    @Test
    void each_wrap_uses_a_fresh_nonce() {
        byte[] first = wrapper.wrap(Ed25519PrivateKey.fromSeed(SEED), kek, keyId, org).wrappedKey().bytes();
        byte[] second = wrapper.wrap(Ed25519PrivateKey.fromSeed(SEED), kek, keyId, org).wrappedKey().bytes();
        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void a_wrapped_key_copied_into_another_keys_row_fails_to_unwrap() {
        KeyCustody.Software custody = wrapper.wrap(Ed25519PrivateKey.fromSeed(SEED), kek, keyId, org);
        assertThatThrownBy(() -> wrapper.unwrap(custody, kek, KeyId.random(), org))
                .isInstanceOf(KeyUnwrapFailed.class);
        assertThatThrownBy(() -> wrapper.unwrap(custody, kek, keyId, OrganizationId.random()))
                .isInstanceOf(KeyUnwrapFailed.class);
    }

    @Test
    void a_flipped_ciphertext_byte_fails_to_unwrap() {
        KeyCustody.Software custody = wrapper.wrap(Ed25519PrivateKey.fromSeed(SEED), kek, keyId, org);
        for (int position = 1; position < AesGcmPrivateKeyWrapper.WRAPPED_BYTES; position++) {
            byte[] tampered = custody.wrappedKey().bytes();
            tampered[position] ^= 0x01;
            KeyCustody.Software altered = new KeyCustody.Software(new WrappedPrivateKey(tampered), custody.kekId());
            assertThatThrownBy(() -> wrapper.unwrap(altered, kek, keyId, org)).isInstanceOf(KeyUnwrapFailed.class);
        }
    }

    @Test
    void the_wrong_kek_fails_with_a_message_naming_ids_not_keys() {
        KeyCustody.Software custody = wrapper.wrap(Ed25519PrivateKey.fromSeed(SEED), kek, keyId, org);
        KeyEncryptionKey.InMemory wrong = randomKek();
        assertThatThrownBy(() -> wrapper.unwrap(custody, wrong, keyId, org))
                .isInstanceOf(WrongKeyEncryptionKey.class)
                .hasMessageContaining(kek.id().value()).hasMessageContaining(wrong.id().value())
                .hasMessageNotContaining(Hex.encode(wrong.bytes())).hasMessageNotContaining(Hex.encode(kek.bytes()));
    }

    @Test
    void a_wrong_kek_that_claims_the_right_id_still_fails_authentication() {
        KeyCustody.Software custody = wrapper.wrap(Ed25519PrivateKey.fromSeed(SEED), kek, keyId, org);
        KeyEncryptionKey other = randomKek();
        KeyCustody.Software relabelled = new KeyCustody.Software(custody.wrappedKey(), other.id());
        assertThatThrownBy(() -> wrapper.unwrap(relabelled, other, keyId, org)).isInstanceOf(KeyUnwrapFailed.class);
    }

    private static KeyEncryptionKey.InMemory randomKek() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return KeyEncryptionKey.of(bytes);
    }
}
