package dev.signet.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signet.domain.Hex;
import dev.signet.domain.key.KeyEncryptionKey;
import java.util.Base64;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

/** Configuration text for the KEK ends in a KEK or InvalidKeyEncryptionKey, whose message never echoes the value. */
class KeyEncryptionKeyConfigurationPropertiesTest {

    @Property(seed = "20261125")
    void any_text_is_a_kek_or_a_typed_error_that_does_not_echo_it(@ForAll @StringLength(max = 120) String text) {
        try {
            assertThat(KeyEncryptionKeys.parse(text, "SIGNET_KEY_ENCRYPTION_KEY")).isNotNull();
        } catch (KeyEncryptionKeys.InvalidKeyEncryptionKey expected) {
            if (text.strip().length() >= 8) {
                assertThat(expected.getMessage()).doesNotContain(text.strip());
            }
        }
    }

    @Property(seed = "20261125")
    void keys_of_the_wrong_length_are_refused(@ForAll @Size(min = 1, max = 64) byte[] bytes) {
        if (bytes.length == KeyEncryptionKey.LENGTH) {
            return;
        }
        assertThatThrownBy(() -> KeyEncryptionKeys.parse(Base64.getEncoder().encodeToString(bytes), "test"))
                .isInstanceOf(KeyEncryptionKeys.InvalidKeyEncryptionKey.class);
        assertThatThrownBy(() -> KeyEncryptionKeys.parse(Hex.encode(bytes), "test"))
                .isInstanceOf(KeyEncryptionKeys.InvalidKeyEncryptionKey.class);
    }

    @Property(seed = "20261125")
    void a_valid_key_reads_the_same_as_hex_and_base64(@ForAll @Size(32) byte[] bytes,
            @ForAll @IntRange(min = 0, max = 3) int padding) {
        if (isAllZero(bytes)) {
            return;
        }
        String space = " ".repeat(padding);
        assertThat(KeyEncryptionKeys.parse(space + Hex.encode(bytes) + "\n", "test").id())
                .isEqualTo(KeyEncryptionKeys.parse(Base64.getEncoder().encodeToString(bytes) + space, "test").id());
    }

    @Example
    void an_all_zero_key_is_refused() {
        assertThatThrownBy(() -> KeyEncryptionKeys.parse(Hex.encode(new byte[32]), "test"))
                .isInstanceOf(KeyEncryptionKeys.InvalidKeyEncryptionKey.class).hasMessageContaining("all zero");
    }

    private static boolean isAllZero(byte[] bytes) {
        for (byte b : bytes) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }
}
