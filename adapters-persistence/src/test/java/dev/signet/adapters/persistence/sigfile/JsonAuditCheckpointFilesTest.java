package dev.signet.adapters.persistence.sigfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signet.application.port.out.AuditCheckpointFileNotWritten;
import dev.signet.application.port.out.MalformedAuditCheckpoint;
import dev.signet.domain.audit.AuditCheckpoint;
import dev.signet.domain.audit.SignedAuditCheckpoint;
import dev.signet.domain.key.KeyFingerprint;
import dev.signet.domain.key.KeyId;
import dev.signet.domain.signature.Ed25519Signature;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonAuditCheckpointFilesTest {
    private static final SignedAuditCheckpoint CHECKPOINT = new SignedAuditCheckpoint(
            AuditCheckpoint.of(42, "ab".repeat(32), Instant.parse("2026-12-02T01:02:03.456Z")),
            new KeyId(UUID.fromString("0b7e8a52-53a4-4d7e-9c1e-2f3a4b5c6d7e")), KeyFingerprint.fromHex("cd".repeat(32)),
            new Ed25519Signature(filled(64, (byte) 7)));
    private static final String LINE = "{\"version\":1,\"position\":42,\"chain_hash\":\"" + "ab".repeat(32)
            + "\",\"time\":\"2026-12-02T01:02:03.456Z\",\"key_id\":\"0b7e8a52-53a4-4d7e-9c1e-2f3a4b5c6d7e\","
            + "\"key_fingerprint\":\"" + "cd".repeat(32) + "\",\"signature\":\""
            + java.util.Base64.getEncoder().encodeToString(filled(64, (byte) 7)) + "\"}";

    private final JsonAuditCheckpointFiles files = new JsonAuditCheckpointFiles();

    @TempDir
    Path dir;

    private static byte[] filled(int length, byte value) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, value);
        return bytes;
    }

    @Test
    void a_checkpoint_file_is_one_json_line_with_the_fields_in_order_and_reads_back_equal() throws Exception {
        Path file = dir.resolve("checkpoint.json");

        files.write(file, CHECKPOINT);

        assertThat(Files.readString(file)).isEqualTo(LINE + "\n");
        assertThat(files.read(file)).isEqualTo(CHECKPOINT);
    }

    @Test
    void a_file_that_is_not_exactly_one_version_1_checkpoint_is_refused_naming_what_is_wrong() throws Exception {
        assertMalformed(LINE.replace("\"version\":1", "\"version\":2"), "version must be 1");
        assertMalformed(LINE.replace("\"position\":42", "\"position\":\"42\""), "position must be a number");
        assertMalformed(LINE.replace("\"position\":42,", ""), "field position is missing");
        assertMalformed(LINE.replace("{", "{\"extra\":1,"), "unknown field extra");
        assertMalformed(LINE.replace("\"position\":42", "\"position\":42,\"position\":43"), "not JSON");
        assertMalformed(LINE + "\n" + LINE + "\n", "more than one checkpoint");
        assertMalformed(LINE.replace("\"position\":42", "\"position\":0"), "position");
        assertMalformed(LINE.replace("\"signature\":\"Bw", "\"signature\":\"B!"), "signature");
        assertMalformed(LINE.replace("2026-12-02T01:02:03.456Z", "yesterday"), "time");
        assertMalformed("", "is empty");
        assertMalformed("[]", "not a JSON object");
        assertThatThrownBy(() -> files.read(dir.resolve("absent.json"))).isInstanceOf(MalformedAuditCheckpoint.class)
                .hasMessageEndingWith("no such file");
        assertThatThrownBy(() -> files.read(dir)).isInstanceOf(MalformedAuditCheckpoint.class)
                .hasMessageEndingWith("is a directory");
    }

    @Test
    void a_checkpoint_that_cannot_be_written_is_a_typed_error_and_leaves_nothing() {
        Path file = dir.resolve("no-such-folder").resolve("checkpoint.json");

        assertThatThrownBy(() -> files.write(file, CHECKPOINT)).isInstanceOf(AuditCheckpointFileNotWritten.class)
                .hasMessageStartingWith("cannot write checkpoint file " + file + ": ");
        assertThat(dir.resolve("no-such-folder")).doesNotExist();
    }

    private void assertMalformed(String content, String reason) throws Exception {
        Path file = Files.write(dir.resolve("bad.json"), content.getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> files.read(file)).as(content).isInstanceOf(MalformedAuditCheckpoint.class)
                .hasMessageStartingWith("checkpoint file " + file + ": ").hasMessageContaining(reason);
    }
}
