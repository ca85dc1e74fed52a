package dev.signet.adapters.crypto.pkcs11;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class Pkcs11ConfigTest {
    private static final char[] PIN = "s3cret-pin-4711".toCharArray();

    @Test
    void to_string_never_shows_the_pin() {
        Pkcs11Config config = new Pkcs11Config(Path.of("/lib/p11.so"), "signet", PIN, 4);
        assertThat(config.toString()).doesNotContain("s3cret").doesNotContain("4711").contains("pin=****")
                .contains("signet").contains("/lib/p11.so").contains("poolSize=4");
    }

    @Test
    void the_config_keeps_its_own_copy_of_the_pin_and_hands_out_copies() {
        char[] pin = PIN.clone();
        Pkcs11Config config = new Pkcs11Config(Path.of("/lib/p11.so"), "signet", pin, 1);
        pin[0] = 'X';
        char[] copy = config.pin();
        assertThat(copy).isEqualTo(PIN);
        copy[0] = 'Y';
        assertThat(config.pin()).isEqualTo(PIN);
        config.wipePin();
        assertThat(config.pin()).containsOnly('\0');
    }

    @Test
    void nonsense_settings_are_refused_when_the_config_is_made() {
        Path lib = Path.of("/lib/p11.so");
        assertThatThrownBy(() -> new Pkcs11Config(lib, "signet", PIN, 0)).hasMessageContaining("pool size");
        assertThatThrownBy(() -> new Pkcs11Config(lib, " ", PIN, 1)).hasMessageContaining("token label");
        assertThatThrownBy(() -> new Pkcs11Config(lib, "x".repeat(33), PIN, 1)).hasMessageContaining("token label");
        assertThatThrownBy(() -> new Pkcs11Config(lib, "signet", new char[0], 1)).hasMessageContaining("PIN");
        assertThatThrownBy(() -> new Pkcs11Config(lib, "signet", PIN, 1).withResilience(0,
                Pkcs11Config.DEFAULT_RETRY_WAIT, Pkcs11Config.DEFAULT_ACQUIRE_TIMEOUT,
                Pkcs11Config.DEFAULT_CIRCUIT_OPEN_FOR)).hasMessageContaining("attempts");
    }
}
