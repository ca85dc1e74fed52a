package dev.signet.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signet.adapters.crypto.pkcs11.Pkcs11Unavailable;
import dev.signet.application.port.in.SecurityConfig;
import dev.signet.bootstrap.support.Keks;
import dev.signet.domain.key.KeyEncryptionKey;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The KEK and PIN copies Signet itself holds are wiped when it is done with them. */
class SecretsWipedTest {
    @TempDir
    Path dir;

    @Test
    void a_kek_made_for_this_signet_is_wiped_when_it_closes() {
        KeyEncryptionKey.InMemory kek = KeyEncryptionKey.of(Keks.randomBytes());
        try (Signet signet = Signet.builder().embedded(dir.resolve("home"))
                .securityConfig(SecurityConfig.builder().keyEncryptionKey(kek).build())
                .wipeKeyEncryptionKeyOnClose().build()) {
            assertThat(kek.bytes()).hasSize(KeyEncryptionKey.LENGTH);
        }

        assertThatThrownBy(kek::bytes).isInstanceOf(IllegalStateException.class).hasMessageContaining("wiped");
    }

    @Test
    void a_kek_the_caller_keeps_is_left_to_the_caller() {
        try (KeyEncryptionKey.InMemory kek = KeyEncryptionKey.of(Keks.randomBytes())) {
            Signet.builder().embedded(dir.resolve("home"))
                    .securityConfig(SecurityConfig.builder().keyEncryptionKey(kek).build()).build().close();

            assertThat(kek.bytes()).hasSize(KeyEncryptionKey.LENGTH);
        }
    }

    @Test
    void a_failed_build_wipes_the_owned_kek_and_the_builders_pin_which_is_then_never_offered_again() {
        KeyEncryptionKey.InMemory kek = KeyEncryptionKey.of(Keks.randomBytes());
        char[] pin = "1234".toCharArray();
        Signet.Builder builder = Signet.builder().embedded(dir.resolve("home"))
                .securityConfig(SecurityConfig.builder().keyEncryptionKey(kek).build()).wipeKeyEncryptionKeyOnClose()
                .pkcs11(dir.resolve("no-such-library.so"), "token", pin, 1);

        assertThatThrownBy(builder::build).isInstanceOf(Pkcs11Unavailable.class);

        assertThatThrownBy(kek::bytes).isInstanceOf(IllegalStateException.class);
        assertThat(pin).as("the caller's array is the caller's").containsExactly('1', '2', '3', '4');
        assertThatThrownBy(builder::build).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("PIN was wiped").hasMessageNotContaining("1234");
    }
}
