package dev.signet.domain.key;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signet.domain.Hex;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class SecretsNeverPrintTest {
    private final byte[] secret = Hex.decode("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60", 32, "seed");

    @Test
    void a_private_key_prints_as_redacted() {
        Ed25519PrivateKey key = Ed25519PrivateKey.fromSeed(secret);
        assertThat(key.toString()).isEqualTo("Ed25519PrivateKey[redacted]").doesNotContain(Hex.encode(secret));
    }

    @Test
    void a_key_encryption_key_prints_only_its_id() {
        KeyEncryptionKey kek = KeyEncryptionKey.of(secret);
        assertThat(kek.toString()).doesNotContain(Hex.encode(secret))
                .doesNotContain(Base64.getEncoder().encodeToString(secret)).contains(kek.id().value());
    }

    @Test
    void closing_a_private_key_wipes_it() {
        Ed25519PrivateKey key = Ed25519PrivateKey.fromSeed(secret);
        key.close();
        assertThatThrownBy(key::seed).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void a_key_encryption_key_is_32_non_zero_bytes() {
        assertThatThrownBy(() -> KeyEncryptionKey.of(new byte[31])).hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> KeyEncryptionKey.of(new byte[33])).hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> KeyEncryptionKey.of(new byte[32])).hasMessageContaining("all zero");
    }

    @Test
    void the_kek_id_is_stable_and_differs_between_keys() {
        byte[] other = secret.clone();
        other[0] ^= 1;
        assertThat(KeyEncryptionKey.of(secret).id()).isEqualTo(KeyEncryptionKey.of(secret.clone()).id())
                .isNotEqualTo(KeyEncryptionKey.of(other).id());
    }

    @Test
    void the_caller_array_is_copied_not_kept() {
        byte[] mine = secret.clone();
        Ed25519PrivateKey key = Ed25519PrivateKey.fromSeed(mine);
        Arrays.fill(mine, (byte) 0);
        assertThat(key.seed()).isEqualTo(secret);
    }
}
