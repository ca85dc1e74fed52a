package dev.signet.adapters.persistence.sigfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.signet.domain.verification.MalformedSignature;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Everything compat.md calls malformed, each reported as MalformedSignature with a reason naming the field. */
class MalformedSignatureFileTest {
    private final JsonDetachedSignatureFiles files = new JsonDetachedSignatureFiles();

    @TempDir
    Path folder;

    // --- the file as a whole ---

    @Test
    void an_empty_file_is_malformed() throws IOException {
        assertMalformed(new byte[0], "file is empty");
    }

    @Test
    void a_file_of_only_whitespace_is_malformed() throws IOException {
        assertMalformed(" \n\t ", "empty");
    }

    @Test
    void text_that_is_not_json_is_malformed() throws IOException {
        assertMalformed("hello world", "not JSON at line 1");
    }

    @Test
    void truncated_json_is_malformed() throws IOException {
        assertMalformed(SampleSignatures.HELLO_WORLD_JSON.substring(0, 120), "not JSON", "end-of-input");
    }

    @ParameterizedTest
    @ValueSource(strings = {"[1, 2]", "\"a string\"", "42", "null", "true"})
    void a_root_that_is_not_an_object_is_malformed(String json) throws IOException {
        assertMalformed(json, "root must be a JSON object");
    }

    @ParameterizedTest
    @ValueSource(strings = {"x", "}", " {}", ",", "// comment", "\u0000"})
    void text_after_the_closing_brace_is_malformed(String after) throws IOException {
        assertMalformed(SampleSignatures.HELLO_WORLD_JSON + after, "text after the closing brace");
    }

    @Test
    void a_100_MB_file_is_refused_by_its_size_without_being_read() throws IOException {
        Path file = folder.resolve("huge.pkg.sig");
        try (RandomAccessFile sparse = new RandomAccessFile(file.toFile(), "rw")) {
            sparse.setLength(100L * 1024 * 1024);
        }

        assertMalformed(file, "file is larger than 65536 bytes");
    }

    @Test
    void a_file_one_byte_over_64_KiB_is_malformed() throws IOException {
        String json = SampleSignatures.HELLO_WORLD_JSON;
        assertMalformed(json + " ".repeat(65537 - json.length()), "file is larger than 65536 bytes");
    }

    @Test
    void invalid_utf8_inside_an_unknown_fields_string_is_malformed() throws IOException {
        byte[] json = SigJson.valid().withString("note", "AB").text().getBytes(StandardCharsets.UTF_8);
        replace(json, "AB", (byte) 0xC3, (byte) 0x28);

        assertMalformed(json, "not valid UTF-8");
    }

    @ParameterizedTest
    @ValueSource(strings = {"C0AF", "EDA080", "F4908080", "FF", "E282"})
    void overlong_surrogate_out_of_range_and_cut_utf8_sequences_are_malformed(String hex) throws IOException {
        byte[] bad = HexFormat.of().parseHex(hex);
        String placeholder = "X".repeat(bad.length);
        byte[] json = SigJson.valid().withString("note", placeholder).text().getBytes(StandardCharsets.UTF_8);
        replace(json, placeholder, bad);

        assertMalformed(json, "not valid UTF-8");
    }

    @Test
    void a_utf8_byte_order_mark_is_malformed_as_serde_json_rejects_it() throws IOException {
        assertMalformed("\uFEFF" + SampleSignatures.HELLO_WORLD_JSON, "not JSON at line 1, column 1");
    }

    @Test
    void deep_nesting_inside_an_unknown_field_is_malformed_naming_it_without_overflowing_the_stack()
            throws IOException {
        String json = SigJson.valid().with("deep", "[".repeat(60_000)).text();

        assertMalformed(json, "field \"deep\"", "nesting depth");
    }

    @Test
    void nesting_100000_levels_deep_is_malformed_without_overflowing_the_stack() throws IOException {
        String json = SigJson.valid().with("deep", "[".repeat(100_000)).text();

        // Over the size cap as a file; the parser on its own must refuse it too.
        assertMalformed(json, "file is larger than 65536 bytes");
        assertThat(catchThrowable(() -> StrictSignatureParser.parse(json.getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(MalformedSignature.class)
                .hasMessageContaining("field \"deep\"")
                .hasMessageContaining("nesting depth");
    }

    @Test
    void deeply_nested_objects_inside_an_unknown_field_are_malformed() throws IOException {
        String json = SigJson.valid().with("deep", "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000)).text();

        assertMalformed(json, "field \"deep\"", "nesting depth");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/* c */ 1", "'x'", "NaN", "01", "[1,]", "+1", ".5", "undefined"})
    void json_extensions_are_not_accepted_even_in_unknown_fields(String lenientValue) throws IOException {
        assertMalformed(SigJson.valid().with("extra", lenientValue).text(), "field \"extra\"", "not JSON");
    }

    @Test
    void a_trailing_comma_after_the_last_field_is_malformed() throws IOException {
        String json = SampleSignatures.HELLO_WORLD_JSON.replace("\"\n}", "\",\n}");
        assertMalformed(json, "not JSON");
    }

    @Test
    void an_unescaped_control_character_in_a_string_is_malformed() throws IOException {
        assertMalformed(SigJson.valid().with("note", "\"a\tb\"").text(), "field \"note\"", "not JSON");
    }

    // --- duplicates ---

    @ParameterizedTest
    @ValueSource(strings = {"version", "algorithm", "package_hash", "key_fingerprint", "signature", "signed_at"})
    void a_duplicate_known_field_is_malformed(String field) throws IOException {
        String json = SampleSignatures.HELLO_WORLD_JSON;
        String member = json.lines().filter(line -> line.startsWith("  \"" + field + "\":"))
                .findFirst().orElseThrow().replaceAll(",$", "");

        assertMalformed(json.replace("\n}", ",\n" + member + "\n}"), "duplicate field \"" + field + "\"");
    }

    @Test
    void a_duplicate_unknown_field_is_malformed() throws IOException {
        String json = SampleSignatures.HELLO_WORLD_JSON.replace("\n}", ",\n  \"note\": 1,\n  \"note\": 2\n}");

        assertMalformed(json, "duplicate field \"note\"");
    }

    // --- missing, null and wrongly typed fields ---

    @ParameterizedTest
    @ValueSource(strings = {"version", "algorithm", "package_hash", "key_fingerprint", "signature", "signed_at"})
    void a_missing_field_is_malformed_naming_it(String field) throws IOException {
        assertMalformed(SigJson.valid().without(field).text(), "field \"" + field + "\" is missing");
    }

    @ParameterizedTest
    @ValueSource(strings = {"version", "algorithm", "package_hash", "key_fingerprint", "signature", "signed_at"})
    void a_null_field_is_malformed_naming_it(String field) throws IOException {
        assertMalformed(SigJson.valid().with(field, "null").text(), "field \"" + field + "\" is null");
    }

    @ParameterizedTest
    @ValueSource(strings = {"algorithm", "package_hash", "key_fingerprint", "signature", "signed_at"})
    void a_string_field_holding_another_json_type_is_malformed_naming_it(String field) throws IOException {
        for (String value : new String[] {"1", "true", "[\"ed25519\"]", "{}"}) {
            assertMalformed(SigJson.valid().with(field, value).text(), "field \"" + field + "\" must be a string");
        }
    }

    @Test
    void an_empty_object_is_malformed_naming_the_first_missing_field() throws IOException {
        assertMalformed("{}", "field \"version\" is missing");
    }

    // --- version ---

    @Test
    void version_as_the_string_1_is_malformed() throws IOException {
        assertMalformed(SigJson.valid().with("version", "\"1\"").text(),
                "field \"version\" must be the number 1, got \"1\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.0", "1e0", "2", "0", "-1", "99999999999999999999999", "4294967297", "true", "[1]",
        "{\"v\": 1}"})
    void version_other_than_the_integer_1_is_malformed(String value) throws IOException {
        assertMalformed(SigJson.valid().with("version", value).text(), "field \"version\" must be the number 1, got ");
    }

    @Test
    void a_version_number_too_long_for_the_parser_is_malformed_naming_version() throws IOException {
        assertMalformed(SigJson.valid().with("version", "1".repeat(5000)).text(), "field \"version\"");
    }

    // --- algorithm ---

    @ParameterizedTest
    @ValueSource(strings = {"rsa", "ED25519", "ed25519ph", "", "ed25519 "})
    void algorithm_other_than_ed25519_is_malformed(String algorithm) throws IOException {
        assertMalformed(SigJson.valid().withString("algorithm", algorithm).text(),
                "field \"algorithm\" must be \"ed25519\"");
    }

    // --- package_hash and key_fingerprint ---

    @ParameterizedTest
    @ValueSource(strings = {"package_hash", "key_fingerprint"})
    void a_hash_of_63_hex_characters_is_malformed(String field) throws IOException {
        assertMalformed(SigJson.valid().withString(field, "a".repeat(63)).text(),
                "field \"" + field + "\" must be 64 hex characters, got 63");
    }

    @ParameterizedTest
    @ValueSource(strings = {"package_hash", "key_fingerprint"})
    void a_hash_of_65_hex_characters_is_malformed(String field) throws IOException {
        assertMalformed(SigJson.valid().withString(field, "a".repeat(65)).text(),
                "field \"" + field + "\" must be 64 hex characters, got 65");
    }

    @ParameterizedTest
    @ValueSource(strings = {"package_hash", "key_fingerprint"})
    void a_hash_with_a_non_hex_character_is_malformed(String field) throws IOException {
        for (String bad : new String[] {"g", " ", "-", "\\u0660"}) {
            String value = bad + "a".repeat(63);
            assertMalformed(SigJson.valid().with(field, "\"" + value + "\"").text(),
                    "field \"" + field + "\" has a non-hex character at position 0");
        }
    }

    // --- signature ---

    @Test
    void a_signature_with_characters_outside_standard_base64_is_malformed() throws IOException {
        String bad = "!" + SampleSignatures.SIGNATURE.substring(1);
        assertMalformed(SigJson.valid().withString("signature", bad).text(),
                "field \"signature\" must be standard base64, found '!' at position 0");
    }

    @Test
    void a_signature_in_the_url_safe_alphabet_is_malformed() throws IOException {
        String urlSafe = Base64.getUrlEncoder().encodeToString(bytesWithUrlSafeCharacters());
        assertMalformed(SigJson.valid().withString("signature", urlSafe).text(),
                "field \"signature\" must be standard base64");
    }

    @ParameterizedTest
    @ValueSource(ints = {63, 65, 0, 32})
    void a_signature_that_is_base64_of_other_than_64_bytes_is_malformed(int length) throws IOException {
        String encoded = Base64.getEncoder().encodeToString(new byte[length]);
        assertMalformed(SigJson.valid().withString("signature", encoded).text(),
                "field \"signature\" must be base64 of exactly 64 bytes");
    }

    @Test
    void a_signature_with_nonzero_trailing_bits_is_malformed() throws IOException {
        // "Cw==" ends the canonical text; "Cx==" decodes to the same bytes but with a low bit set.
        String bad = SampleSignatures.SIGNATURE.replace("Cw==", "Cx==");
        assertThat(Base64.getDecoder().decode(bad)).isEqualTo(Base64.getDecoder().decode(SampleSignatures.SIGNATURE));

        assertMalformed(SigJson.valid().withString("signature", bad).text(),
                "field \"signature\" is not canonical base64");
    }

    @Test
    void a_signature_without_its_padding_is_malformed() throws IOException {
        String unpadded = SampleSignatures.SIGNATURE.replace("=", "");
        assertMalformed(SigJson.valid().withString("signature", unpadded).text(),
                "field \"signature\" must be base64 of exactly 64 bytes (88 characters with padding), got 86");
    }

    @Test
    void a_signature_with_padding_in_the_middle_is_malformed() throws IOException {
        String bad = "QK==" + SampleSignatures.SIGNATURE.substring(4);
        assertMalformed(SigJson.valid().withString("signature", bad).text(), "field \"signature\"", "base64");
    }

    @ParameterizedTest
    @ValueSource(strings = {" ", "\\n", "\\r\\n", "\\t"})
    void a_signature_with_whitespace_inside_is_malformed(String whitespace) throws IOException {
        String sig = SampleSignatures.SIGNATURE;
        String bad = sig.substring(0, 40) + whitespace + sig.substring(40);
        assertMalformed(SigJson.valid().with("signature", "\"" + bad + "\"").text(),
                "field \"signature\" must be standard base64, found U+");
    }

    // --- signed_at ---

    @ParameterizedTest
    @ValueSource(strings = {"yesterday", "2026-01-28", "2026-01-28T12:00:00", "2026-02-30T12:00:00Z",
        "+12026-01-28T12:00:00Z", "1769601600"})
    void signed_at_that_is_not_an_rfc3339_timestamp_is_malformed(String value) throws IOException {
        assertMalformed(SigJson.valid().withString("signed_at", value).text(), "field \"signed_at\"");
    }

    @Test
    void signed_at_as_a_number_is_malformed() throws IOException {
        assertMalformed(SigJson.valid().with("signed_at", "1769601600").text(),
                "field \"signed_at\" must be a string, got 1769601600");
    }

    // --- helpers ---

    private void assertMalformed(String json, String... expectedInReason) throws IOException {
        assertMalformed(json.getBytes(StandardCharsets.UTF_8), expectedInReason);
    }

    private void assertMalformed(byte[] bytes, String... expectedInReason) throws IOException {
        assertMalformed(SigJson.write(folder, bytes), expectedInReason);
    }

    private void assertMalformed(Path file, String... expectedInReason) {
        Throwable thrown = catchThrowable(() -> files.read(file));

        assertThat(thrown).isInstanceOf(MalformedSignature.class);
        assertThat(thrown.getMessage())
                .startsWith("signature file is corrupt or invalid format: ")
                .contains(expectedInReason)
                .doesNotContain("\n", "\r")
                .hasSizeLessThan(400);
    }

    private static void replace(byte[] json, String placeholder, byte... replacement) {
        byte[] target = placeholder.getBytes(StandardCharsets.US_ASCII);
        String text = new String(json, StandardCharsets.ISO_8859_1);
        int at = text.indexOf(placeholder);
        assertThat(at).isNotNegative();
        assertThat(replacement).hasSameSizeAs(target);
        System.arraycopy(replacement, 0, json, at, replacement.length);
    }

    /** 64 bytes whose base64 text contains both '-' and '_' in the URL-safe alphabet. */
    private static byte[] bytesWithUrlSafeCharacters() {
        byte[] bytes = new byte[64];
        Arrays.fill(bytes, (byte) 0xFB); // 111110 11 ... gives '+' and '/' in standard, '-' and '_' URL-safe
        return bytes;
    }
}
