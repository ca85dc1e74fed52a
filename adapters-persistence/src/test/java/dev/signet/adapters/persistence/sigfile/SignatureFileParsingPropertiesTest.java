package dev.signet.adapters.persistence.sigfile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.domain.key.KeyFingerprint;
import dev.signet.domain.signature.Ed25519Signature;
import dev.signet.domain.signature.PackageHash;
import dev.signet.domain.signature.PackageSignature;
import dev.signet.domain.verification.MalformedSignature;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Hostile input never escapes the typed error: whatever bytes a .sig file holds, reading ends in a
 * PackageSignature or a MalformedSignature with a one-line message, never another exception. A fixed
 * seed keeps the run repeatable; tries come from junit-platform.properties (1,000) or
 * {@code -Djqwik.tries.default=N} for a longer run.
 */
class SignatureFileParsingPropertiesTest {
    private static final byte[] VALID = new JsonDetachedSignatureFiles().encode(new PackageSignature(
            new PackageHash(new byte[32]), new KeyFingerprint(new byte[32]), new Ed25519Signature(new byte[64]),
            Instant.parse("2026-01-28T12:00:00Z")));

    @Property(seed = "20261125")
    void random_bytes_parse_or_fail_as_malformed(@ForAll @Size(max = 600) byte[] bytes) {
        assertParsesOrIsMalformed(bytes);
    }

    @Property(seed = "20261125")
    void mutations_of_a_valid_file_parse_or_fail_as_malformed(@ForAll @IntRange(min = 0, max = 369) int position,
            @ForAll byte replacement, @ForAll @IntRange(min = 0, max = 3) int kind) {
        byte[] mutated = switch (kind) {
            case 0 -> replaced(position, replacement);
            case 1 -> deleted(position);
            case 2 -> inserted(position, replacement);
            default -> truncated(position);
        };
        assertParsesOrIsMalformed(mutated);
    }

    @Property(seed = "20261125")
    void json_shaped_hostile_documents_parse_or_fail_as_malformed(@ForAll("hostileJson") String json) {
        assertParsesOrIsMalformed(json.getBytes(StandardCharsets.UTF_8));
    }

    @Provide
    Arbitrary<String> hostileJson() {
        Arbitrary<String> keys = Arbitraries.of("version", "algorithm", "package_hash", "key_fingerprint", "signature",
                "signed_at", "extra", "");
        Arbitrary<String> values = Arbitraries.oneOf(
                Arbitraries.of("1", "2", "1.0", "-1", "1e3", "99999999999999999999999", "null", "true", "[]", "{}",
                        "\"ed25519\"", "\"rsa\"", "\"2026-01-28T12:00:00+00:00\"", "\"\""),
                Arbitraries.strings().ofMaxLength(80).map(s -> "\"" + s.replace("\\", "").replace("\"", "") + "\""),
                Arbitraries.integers().between(1, 5000).map(depth -> "[".repeat(depth) + "]".repeat(depth)),
                Arbitraries.integers().between(1, 70000).map(length -> "\"" + "a".repeat(length) + "\""));
        return Arbitraries.entries(keys, values).list().ofMaxSize(9).map(entries -> {
            StringBuilder json = new StringBuilder("{");
            entries.forEach(entry -> json.append(json.length() > 1 ? "," : "").append('"').append(entry.getKey())
                    .append("\":").append(entry.getValue()));
            return json.append('}').toString();
        });
    }

    private static void assertParsesOrIsMalformed(byte[] bytes) {
        try {
            assertThat(StrictSignatureParser.parse(bytes)).isNotNull();
        } catch (MalformedSignature expected) {
            assertThat(expected.getMessage()).isNotBlank().doesNotContain("\n").hasSizeLessThan(600);
        }
    }

    private static byte[] replaced(int position, byte value) {
        byte[] copy = VALID.clone();
        copy[position % copy.length] = value;
        return copy;
    }

    private static byte[] deleted(int position) {
        int at = position % VALID.length;
        byte[] copy = new byte[VALID.length - 1];
        System.arraycopy(VALID, 0, copy, 0, at);
        System.arraycopy(VALID, at + 1, copy, at, VALID.length - at - 1);
        return copy;
    }

    private static byte[] inserted(int position, byte value) {
        int at = position % (VALID.length + 1);
        byte[] copy = new byte[VALID.length + 1];
        System.arraycopy(VALID, 0, copy, 0, at);
        copy[at] = value;
        System.arraycopy(VALID, at, copy, at + 1, VALID.length - at);
        return copy;
    }

    private static byte[] truncated(int position) {
        byte[] copy = new byte[position % VALID.length];
        System.arraycopy(VALID, 0, copy, 0, copy.length);
        return copy;
    }
}
