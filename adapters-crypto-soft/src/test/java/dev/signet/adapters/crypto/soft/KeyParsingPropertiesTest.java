package dev.signet.adapters.crypto.soft;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.domain.key.Ed25519PrivateKey;
import dev.signet.domain.key.MalformedKey;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * Whatever bytes arrive as a key, reading ends in a key or a MalformedKey with a one-line message, never
 * another exception. A fixed seed keeps the run repeatable; tries come from junit-platform.properties (1,000) or
 * {@code -Djqwik.tries.default=N} for a longer run.
 */
class KeyParsingPropertiesTest {
    private final PemPublicKeyCodec publicKeys = new PemPublicKeyCodec();
    private final Pkcs8PrivateKeyReader privateKeys = new Pkcs8PrivateKeyReader();

    @Property(seed = "20261125")
    void random_bytes_read_as_a_public_key_or_fail_as_malformed(@ForAll @Size(max = 200) byte[] bytes) {
        assertReadOrMalformed(() -> publicKeys.read(bytes));
    }

    @Property(seed = "20261125")
    void pem_wrapped_random_der_reads_or_fails_as_malformed(@ForAll("pemBodies") String pem) {
        byte[] bytes = pem.getBytes(StandardCharsets.US_ASCII);
        assertReadOrMalformed(() -> publicKeys.read(bytes));
        assertReadOrMalformed(() -> {
            try (Ed25519PrivateKey key = privateKeys.read(bytes)) {
                return key;
            }
        });
    }

    @Property(seed = "20261125")
    void hex_like_text_reads_or_fails_as_malformed(@ForAll("hexish") String text) {
        assertReadOrMalformed(() -> publicKeys.read(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Provide
    Arbitrary<String> pemBodies() {
        Arbitrary<String> labels = Arbitraries.of("PUBLIC KEY", "PRIVATE KEY", "CERTIFICATE", "ENCRYPTED PRIVATE KEY",
                "EC PRIVATE KEY", "");
        Arbitrary<byte[]> der = Arbitraries.oneOf(
                Arbitraries.bytes().array(byte[].class).ofMaxSize(120),
                Arbitraries.bytes().array(byte[].class).ofSize(32).map(key -> concat(
                        new byte[] {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00}, key)),
                Arbitraries.bytes().array(byte[].class).ofSize(32).map(seed -> concat(new byte[] {0x30, 0x2e, 0x02, 0x01,
                        0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20}, seed)));
        Arbitrary<String> lineEnds = Arbitraries.of("\n", "\r\n", "");
        return net.jqwik.api.Combinators.combine(labels, der, lineEnds).as((label, body, eol) ->
                "-----BEGIN " + label + "-----" + eol + Base64.getMimeEncoder(64, eol.getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(body) + eol + "-----END " + label + "-----" + eol);
    }

    @Provide
    Arbitrary<String> hexish() {
        return Arbitraries.strings().withChars("0123456789abcdefABCDEFxyz \n\t").ofMinLength(60).ofMaxLength(68);
    }

    private static void assertReadOrMalformed(java.util.function.Supplier<?> read) {
        try {
            assertThat(read.get()).isNotNull();
        } catch (MalformedKey expected) {
            assertThat(expected.getMessage()).isNotBlank().doesNotContain("\n");
        }
    }

    private static byte[] concat(byte[] prefix, byte[] rest) {
        byte[] all = new byte[prefix.length + rest.length];
        System.arraycopy(prefix, 0, all, 0, prefix.length);
        System.arraycopy(rest, 0, all, prefix.length, rest.length);
        return all;
    }
}
