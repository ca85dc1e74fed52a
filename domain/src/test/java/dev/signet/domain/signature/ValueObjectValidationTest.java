package dev.signet.domain.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signet.domain.key.Ed25519PublicKey;
import dev.signet.domain.key.KeyFingerprint;
import dev.signet.domain.key.KeyName;
import dev.signet.domain.organization.OrganizationName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ValueObjectValidationTest {

    @ParameterizedTest
    @ValueSource(ints = {0, 31, 33, 64})
    void a_public_key_is_exactly_32_bytes(int length) {
        assertThatThrownBy(() -> new Ed25519PublicKey(new byte[length]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("32 bytes");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 63, 65})
    void a_signature_is_exactly_64_bytes(int length) {
        assertThatThrownBy(() -> new Ed25519Signature(new byte[length]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("64 bytes");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "21fe31dfa154a261626bf854046fd2271b7bed4b6abe45aa58877ef47f9721b",
            "21fe31dfa154a261626bf854046fd2271b7bed4b6abe45aa58877ef47f9721b9a",
            "zzfe31dfa154a261626bf854046fd2271b7bed4b6abe45aa58877ef47f9721b9",
            "٢1fe31dfa154a261626bf854046fd2271b7bed4b6abe45aa58877ef47f9721b9"})
    void a_fingerprint_is_exactly_64_ascii_hex_characters(String text) {
        assertThatThrownBy(() -> KeyFingerprint.fromHex(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("key fingerprint");
    }

    @Test
    void hex_is_read_in_either_case_and_written_lowercase() {
        String upper = "21FE31DFA154A261626BF854046FD2271B7BED4B6ABE45AA58877EF47F9721B9";
        KeyFingerprint fingerprint = KeyFingerprint.fromHex(upper);
        assertThat(fingerprint).isEqualTo(KeyFingerprint.fromHex(upper.toLowerCase()));
        assertThat(fingerprint.hex()).isEqualTo(upper.toLowerCase());
    }

    @Test
    void the_fingerprint_is_sha256_of_the_raw_public_key() {
        Ed25519PublicKey rfc8032Test1 = Ed25519PublicKey.fromHex(
                "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
        assertThat(rfc8032Test1.fingerprint().hex())
                .isEqualTo("21fe31dfa154a261626bf854046fd2271b7bed4b6abe45aa58877ef47f9721b9");
    }

    @Test
    void values_are_equal_by_content_and_immune_to_caller_mutation() {
        byte[] bytes = new byte[32];
        PackageHash hash = new PackageHash(bytes);
        bytes[0] = 1;
        hash.bytes()[1] = 1;
        assertThat(hash).isEqualTo(new PackageHash(new byte[32]));
        assertThat(hash.hashCode()).isEqualTo(new PackageHash(new byte[32]).hashCode());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "bad\nname"})
    void names_are_non_blank_single_line(String name) {
        assertThatThrownBy(() -> new KeyName(name)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new OrganizationName(name)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void names_are_bounded() {
        assertThat(new KeyName("k".repeat(200)).value()).hasSize(200);
        assertThatThrownBy(() -> new KeyName("k".repeat(201))).hasMessageContaining("at most 200");
    }
}
