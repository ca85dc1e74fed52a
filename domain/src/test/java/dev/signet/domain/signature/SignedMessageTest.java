package dev.signet.domain.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SignedMessageTest {
    private static final String HELLO_WORLD_SHA256 = "b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9";

    @Test
    void the_signed_message_is_the_32_raw_digest_bytes() {
        PackageHash hash = PackageHash.fromHex(HELLO_WORLD_SHA256);
        byte[] message = SignedMessage.forPackage(hash).bytes();
        assertThat(message).hasSize(32).isEqualTo(hash.bytes());
    }

    @Test
    void the_signed_message_is_not_the_hex_text() {
        byte[] message = SignedMessage.forPackage(PackageHash.fromHex(HELLO_WORLD_SHA256)).bytes();
        assertThat(message).isNotEqualTo(HELLO_WORLD_SHA256.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void a_statement_is_signed_as_its_utf8_text() {
        String text = "signet audit checkpoint v1\n7\n" + "0".repeat(64) + "\n2026-12-02T01:00:00.000Z\n";
        assertThat(SignedMessage.forStatement(text).bytes()).isEqualTo(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void a_statement_must_say_what_it_is_so_it_is_never_taken_for_a_package_digest_or_another_statement() {
        assertThatThrownBy(() -> SignedMessage.forStatement("0".repeat(64))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SignedMessage.forStatement("signet audit checkpoint\n1"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SignedMessage.forStatement("signet x v1\n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("longer than a package digest");
    }
}
