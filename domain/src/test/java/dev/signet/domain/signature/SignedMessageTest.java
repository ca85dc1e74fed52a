package dev.signet.domain.signature;

import static org.assertj.core.api.Assertions.assertThat;

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
}
