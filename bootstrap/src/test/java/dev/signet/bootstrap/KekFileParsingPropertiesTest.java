package dev.signet.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.domain.Hex;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * A KEK file is parsed from its bytes, never turned into a String (which could not be wiped), with exactly the
 * results and messages of the String form that SIGNET_KEY_ENCRYPTION_KEY goes through.
 */
class KekFileParsingPropertiesTest {

    @Property(seed = "20261125", tries = 2000)
    void the_bytes_of_a_file_parse_as_their_us_ascii_text_does(@ForAll("kekFileContents") byte[] content) {
        assertThat(outcome(() -> KeyEncryptionKeys.parse(content.clone(), "file")))
                .isEqualTo(outcome(() -> KeyEncryptionKeys.parse(new String(content, StandardCharsets.US_ASCII),
                        "file")));
    }

    @Property(seed = "20261125")
    void the_bytes_are_left_as_they_were_given(@ForAll @Size(32) byte[] key) {
        byte[] content = (Hex.encode(key) + "\n").getBytes(StandardCharsets.US_ASCII);
        byte[] before = content.clone();
        outcome(() -> KeyEncryptionKeys.parse(content, "file"));
        assertThat(content).as("the caller (fromFile) wipes them").isEqualTo(before);
    }

    /** Valid keys in hex and base64 with whitespace around, near misses, and arbitrary bytes. */
    @Provide
    Arbitrary<byte[]> kekFileContents() {
        Arbitrary<byte[]> keys = Arbitraries.bytes().array(byte[].class).ofSize(32);
        Arbitrary<String> space = Arbitraries.of("", " ", "\n", "\t", "\r\n", " \u000b\f", "\u001c", "\u0085");
        Arbitrary<byte[]> hex = keys.flatMap(k -> space.tuple2().map(s -> ascii(s.get1() + Hex.encode(k) + s.get2())));
        Arbitrary<byte[]> base64 = keys.flatMap(k -> space.tuple2()
                .map(s -> ascii(s.get1() + Base64.getEncoder().encodeToString(k) + s.get2())));
        Arbitrary<byte[]> mutated = Arbitraries.oneOf(hex, base64).flatMap(b -> Arbitraries.integers()
                .between(0, b.length - 1).flatMap(at -> Arbitraries.bytes().map(x -> {
                    byte[] copy = Arrays.copyOf(b, b.length);
                    copy[at] = x;
                    return copy;
                })));
        Arbitrary<byte[]> any = Arbitraries.bytes().array(byte[].class).ofMaxSize(90);
        return Arbitraries.oneOf(hex, base64, mutated, any,
                Arbitraries.just(ascii(Hex.encode(new byte[32]))),
                Arbitraries.just(ascii(Base64.getEncoder().encodeToString(new byte[32]).replace("A=", "B="))));
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The KEK's id, or the error's class and message. */
    private static String outcome(java.util.function.Supplier<dev.signet.domain.key.KeyEncryptionKey> parse) {
        try {
            return "kek " + parse.get().id();
        } catch (RuntimeException e) {
            return e.getClass().getName() + ": " + e.getMessage();
        }
    }
}
