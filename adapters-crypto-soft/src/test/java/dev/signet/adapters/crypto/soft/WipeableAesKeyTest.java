package dev.signet.adapters.crypto.soft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The KEK handed to the JCA without leaving a copy of our own behind (see AesGcmPrivateKeyWrapper). */
class WipeableAesKeyTest {
    @Test
    void destroy_wipes_the_owned_array_and_the_key_hands_out_no_more_copies() {
        byte[] bytes = new byte[32];
        Arrays.fill(bytes, (byte) 0x5a);
        WipeableAesKey key = new WipeableAesKey(bytes);
        byte[] copy = key.getEncoded();
        assertThat(copy).isNotSameAs(bytes).isEqualTo(bytes);

        key.destroy();

        assertThat(bytes).containsOnly(0);
        assertThat(key.isDestroyed()).isTrue();
        assertThatThrownBy(key::getEncoded).isInstanceOf(IllegalStateException.class);
        assertThat(key.toString()).doesNotContain("5a", "5A", "Wg");
    }
}
