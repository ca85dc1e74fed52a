package dev.signet.adapters.persistence.sigfile;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import dev.signet.application.port.out.AuditCheckpointFileNotWritten;
import dev.signet.application.port.out.AuditCheckpointFiles;
import dev.signet.application.port.out.MalformedAuditCheckpoint;
import dev.signet.domain.audit.AuditCheckpoint;
import dev.signet.domain.audit.SignedAuditCheckpoint;
import dev.signet.domain.key.KeyFingerprint;
import dev.signet.domain.key.KeyId;
import dev.signet.domain.signature.Ed25519Signature;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checkpoint files: one JSON object on one line, its fields in this order,
 * <pre>
 * {"version":1,"position":42,"chain_hash":"...","time":"2026-12-02T01:00:00.000Z","key_id":"...",
 *  "key_fingerprint":"...","signature":"..."}
 * </pre>
 * (version and position are numbers, the rest strings; signature is standard base64 of the 64 bytes). Reading
 * is strict: exactly these fields, each once, nothing after the object but a line end. Writing is atomic (see
 * {@link AtomicFileWriter}). Holds no state.
 */
public final class JsonAuditCheckpointFiles implements AuditCheckpointFiles {
    /** A checkpoint is about 330 bytes; anything much larger is not one, and is refused before it is read whole. */
    private static final int MAX_FILE_BYTES = 4096;
    private static final List<String> FIELDS = List.of("version", "position", "chain_hash", "time", "key_id",
            "key_fingerprint", "signature");
    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    @Override
    public void write(Path file, SignedAuditCheckpoint checkpoint) {
        try {
            AtomicFileWriter.write(file, (encode(checkpoint) + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AuditCheckpointFileNotWritten(file, Reasons.oneLine(e.getMessage()), e);
        } catch (RuntimeException e) {
            throw new AuditCheckpointFileNotWritten(file, Reasons.of(e), e);
        }
    }

    @Override
    public String encode(SignedAuditCheckpoint signed) {
        AuditCheckpoint checkpoint = signed.checkpoint();
        // Every value is a number, hex, base64, a UUID or a fixed-form time: nothing needs escaping.
        return "{\"version\":" + SignedAuditCheckpoint.VERSION + ",\"position\":" + checkpoint.position()
                + ",\"chain_hash\":\"" + checkpoint.chainHash() + "\",\"time\":\"" + checkpoint.timeText()
                + "\",\"key_id\":\"" + signed.keyId() + "\",\"key_fingerprint\":\"" + signed.keyFingerprint().hex()
                + "\",\"signature\":\"" + signed.signature().base64() + "\"}";
    }

    @Override
    public SignedAuditCheckpoint read(Path file) {
        String text = decode(file, bytesOf(file));
        Map<String, Object> values = fields(file, text);
        for (String field : FIELDS) {
            if (!values.containsKey(field)) {
                throw malformed(file, "field " + field + " is missing");
            }
        }
        if (!Long.valueOf(SignedAuditCheckpoint.VERSION).equals(values.get("version"))) {
            throw malformed(file, "version must be " + SignedAuditCheckpoint.VERSION);
        }
        AuditCheckpoint checkpoint = value(file, "position, chain_hash or time", () -> new AuditCheckpoint(
                number(file, values, "position"), string(file, values, "chain_hash"),
                Instant.parse(string(file, values, "time"))));
        KeyId keyId = value(file, "key_id", () -> KeyId.parse(string(file, values, "key_id")));
        KeyFingerprint fingerprint = value(file, "key_fingerprint",
                () -> KeyFingerprint.fromHex(string(file, values, "key_fingerprint")));
        Ed25519Signature signature = value(file, "signature", () -> new Ed25519Signature(
                CanonicalBase64.decode(string(file, values, "signature"), Ed25519Signature.LENGTH)));
        return new SignedAuditCheckpoint(checkpoint, keyId, fingerprint, signature);
    }

    private static byte[] bytesOf(Path file) {
        if (Files.isDirectory(file)) {
            throw malformed(file, "is a directory");
        }
        if (Files.exists(file) && !Files.isRegularFile(file)) {
            throw malformed(file, "is not a regular file");
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(MAX_FILE_BYTES + 1);
            if (bytes.length > MAX_FILE_BYTES) {
                throw malformed(file, "is larger than " + MAX_FILE_BYTES + " bytes: not a checkpoint");
            }
            return bytes;
        } catch (NoSuchFileException e) {
            throw malformed(file, "no such file");
        } catch (IOException e) {
            throw malformed(file, "cannot read: " + Reasons.withoutPath(e));
        }
    }

    private static String decode(Path file, byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw malformed(file, "is not UTF-8");
        }
    }

    /** The top-level fields, numbers as Long and strings as String; anything else is refused. */
    private static Map<String, Object> fields(Path file, String text) {
        if (text.isBlank()) {
            throw malformed(file, "is empty");
        }
        Map<String, Object> values = new HashMap<>();
        try (JsonParser parser = JSON.createParser(text)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw malformed(file, "is not a JSON object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                if (!FIELDS.contains(name)) {
                    throw malformed(file, "unknown field " + Reasons.oneLine(name, 40));
                }
                JsonToken token = parser.nextToken();
                if (token == JsonToken.VALUE_NUMBER_INT && parser.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
                    values.put(name, parser.getLongValue());
                } else if (token == JsonToken.VALUE_STRING) {
                    values.put(name, parser.getText());
                } else {
                    throw malformed(file, "field " + name + " must be a number or a string");
                }
            }
            if (parser.nextToken() != null) {
                throw malformed(file, "holds more than one checkpoint, or text after it");
            }
        } catch (JacksonException e) {
            throw malformed(file, "not JSON: " + Reasons.oneLine(e.getOriginalMessage()));
        } catch (IOException e) {
            throw malformed(file, "not JSON: " + Reasons.oneLine(e.getMessage()));
        }
        return values;
    }

    private static String string(Path file, Map<String, Object> values, String field) {
        if (values.get(field) instanceof String text) {
            return text;
        }
        throw malformed(file, "field " + field + " must be a string");
    }

    private static long number(Path file, Map<String, Object> values, String field) {
        if (values.get(field) instanceof Long number) {
            return number;
        }
        throw malformed(file, "field " + field + " must be a number");
    }

    private interface Parse<T> {
        T run();
    }

    private static <T> T value(Path file, String field, Parse<T> parse) {
        try {
            return parse.run();
        } catch (MalformedAuditCheckpoint e) {
            throw e;
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw malformed(file, field + ": " + Reasons.oneLine(e.getMessage()));
        }
    }

    private static MalformedAuditCheckpoint malformed(Path file, String reason) {
        return new MalformedAuditCheckpoint(file, reason);
    }
}
