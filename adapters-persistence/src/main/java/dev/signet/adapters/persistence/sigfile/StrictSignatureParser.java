package dev.signet.adapters.persistence.sigfile;

import static dev.signet.adapters.persistence.sigfile.SignatureFileFormat.ALGORITHM;
import static dev.signet.adapters.persistence.sigfile.SignatureFileFormat.CURRENT_VERSION;
import static dev.signet.adapters.persistence.sigfile.SignatureFileFormat.ED25519;
import static dev.signet.adapters.persistence.sigfile.SignatureFileFormat.KEY_FINGERPRINT;
import static dev.signet.adapters.persistence.sigfile.SignatureFileFormat.PACKAGE_HASH;
import static dev.signet.adapters.persistence.sigfile.SignatureFileFormat.SIGNATURE;
import static dev.signet.adapters.persistence.sigfile.SignatureFileFormat.SIGNED_AT;
import static dev.signet.adapters.persistence.sigfile.SignatureFileFormat.TIMESTAMP_TOKEN;
import static dev.signet.adapters.persistence.sigfile.SignatureFileFormat.VERSION;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import dev.signet.domain.Hex;
import dev.signet.domain.key.KeyFingerprint;
import dev.signet.domain.signature.Ed25519Signature;
import dev.signet.domain.signature.PackageHash;
import dev.signet.domain.signature.PackageSignature;
import dev.signet.domain.time.TimestampToken;
import dev.signet.domain.verification.MalformedSignature;
import java.io.IOException;
import java.time.Instant;
import java.util.Optional;

/**
 * Parses a version 1 signature file, refusing everything compat.md calls malformed: the first problem found
 * (in file order) is reported, naming the field. One instance per file; not thread-safe.
 */
final class StrictSignatureParser {
    /** As deep as serde_json goes by default; a real file has depth 1, extra fields rarely more than a few. */
    private static final int MAX_NESTING_DEPTH = 128;
    private static final int MAX_QUOTED_VALUE = 40;

    /**
     * Jackson's defaults already reject comments, single quotes, NaN, leading zeros, trailing commas and
     * unescaped control characters; duplicate names must be turned on. The limits are pinned here so that a
     * process-wide override of Jackson's defaults cannot loosen them.
     */
    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build())
            .build();

    private final JsonParser parser;
    /** The top-level field whose value is being read, so that parse errors inside it can name it. */
    private String field;
    private boolean versionSeen;
    private boolean algorithmSeen;
    private PackageHash packageHash;
    private KeyFingerprint keyFingerprint;
    private Ed25519Signature signature;
    private Instant signedAt;
    private TimestampToken timestampToken;

    private StrictSignatureParser(JsonParser parser) {
        this.parser = parser;
    }

    static PackageSignature parse(byte[] bytes) {
        if (bytes.length == 0) {
            throw malformed("file is empty");
        }
        String text = StrictUtf8.decode(bytes);
        try (JsonParser jsonParser = JSON.createParser(text)) {
            StrictSignatureParser reader = new StrictSignatureParser(jsonParser);
            try {
                return reader.document();
            } catch (JacksonException e) {
                throw reader.explain(e);
            }
        } catch (IOException e) {
            // Only creating or closing a parser over a String could land here, and neither does I/O.
            throw malformed("not JSON: " + Reasons.oneLine(e.getMessage()));
        }
    }

    private PackageSignature document() throws IOException {
        JsonToken first = parser.nextToken();
        if (first == null) {
            throw malformed("file is empty (only whitespace)");
        }
        if (first != JsonToken.START_OBJECT) {
            throw malformed("root must be a JSON object, got " + describe(first));
        }
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_OBJECT; token = parser.nextToken()) {
            if (token != JsonToken.FIELD_NAME) { // Jackson throws first; kept so a null can never loop
                throw malformed("not JSON: expected a field name or '}'");
            }
            field = parser.currentName();
            member(parser.nextToken());
            field = null;
        }
        requireNothingAfterRoot();
        return build();
    }

    private void member(JsonToken value) throws IOException {
        switch (field) {
            case VERSION -> versionSeen = version(value);
            case ALGORITHM -> algorithmSeen = algorithm(value);
            case PACKAGE_HASH -> packageHash = new PackageHash(hex(value, PackageHash.LENGTH));
            case KEY_FINGERPRINT -> keyFingerprint = new KeyFingerprint(hex(value, KeyFingerprint.LENGTH));
            case SIGNATURE -> signature = new Ed25519Signature(base64(value));
            case SIGNED_AT -> signedAt = timestamp(value);
            case TIMESTAMP_TOKEN -> timestampToken = timestampToken(value);
            default -> skipUnknown();
        }
    }

    /** Unknown fields are ignored, as Cloacina does, but must still be well-formed JSON. */
    private void skipUnknown() throws IOException {
        // Jackson reads a string's content lazily; finishing it now lets an error in it name this field.
        parser.finishToken();
        parser.skipChildren();
    }

    private boolean version(JsonToken value) throws IOException {
        requireNotNull(value);
        // Only the integer token 1: not "1", 1.0, 1e0, or a number too large for an int.
        boolean isOne = value == JsonToken.VALUE_NUMBER_INT
                && parser.getNumberType() == JsonParser.NumberType.INT
                && parser.getIntValue() == CURRENT_VERSION;
        if (!isOne) {
            throw fieldError("must be the number " + CURRENT_VERSION + ", got " + describe(value));
        }
        return true;
    }

    private boolean algorithm(JsonToken value) throws IOException {
        String text = string(value);
        if (!text.equals(ED25519)) {
            throw fieldError("must be \"" + ED25519 + "\", got " + describe(value));
        }
        return true;
    }

    private byte[] hex(JsonToken value, int bytes) throws IOException {
        String text = string(value);
        try {
            return Hex.decode(text, bytes, "field \"" + field + "\"");
        } catch (IllegalArgumentException e) {
            throw malformed(e.getMessage());
        }
    }

    private byte[] base64(JsonToken value) throws IOException {
        String text = string(value);
        try {
            return CanonicalBase64.decode(text, Ed25519Signature.LENGTH);
        } catch (IllegalArgumentException e) {
            throw fieldError(e.getMessage());
        }
    }

    private TimestampToken timestampToken(JsonToken value) throws IOException {
        String text = string(value);
        try {
            return new TimestampToken(CanonicalBase64.decodeAny(text));
        } catch (IllegalArgumentException e) {
            throw fieldError(e.getMessage());
        }
    }

    private Instant timestamp(JsonToken value) throws IOException {
        String text = string(value);
        try {
            return CloacinaTimestamp.parse(text);
        } catch (IllegalArgumentException e) {
            throw fieldError(e.getMessage() + ", got " + describe(value));
        }
    }

    private String string(JsonToken value) throws IOException {
        requireNotNull(value);
        if (value != JsonToken.VALUE_STRING) {
            throw fieldError("must be a string, got " + describe(value));
        }
        return parser.getText();
    }

    private void requireNotNull(JsonToken value) {
        if (value == JsonToken.VALUE_NULL) {
            throw fieldError("is null");
        }
    }

    private void requireNothingAfterRoot() {
        try {
            if (parser.nextToken() == null) {
                return;
            }
        } catch (IOException e) {
            // whatever follows did not even tokenize; it is still text after the object
        }
        throw malformed("text after the closing brace of the root object");
    }

    private PackageSignature build() {
        requirePresent(versionSeen, VERSION);
        requirePresent(algorithmSeen, ALGORITHM);
        requirePresent(packageHash != null, PACKAGE_HASH);
        requirePresent(keyFingerprint != null, KEY_FINGERPRINT);
        requirePresent(signature != null, SIGNATURE);
        requirePresent(signedAt != null, SIGNED_AT);
        return new PackageSignature(packageHash, keyFingerprint, signature, signedAt,
                Optional.ofNullable(timestampToken));
    }

    private static void requirePresent(boolean present, String name) {
        if (!present) {
            throw malformed("field \"" + name + "\" is missing");
        }
    }

    /** A Jackson error as one line: duplicate names get their own wording, the rest Jackson's, bounded. */
    private MalformedSignature explain(JacksonException e) {
        String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        // Jackson records the repeated name in the object's context before it throws. Its wording is matched
        // because no exception type tells duplicates apart; a test pins the resulting message.
        String repeated = rootObjectName();
        if (e instanceof JsonParseException && field == null && repeated != null && message.startsWith("Duplicate")) {
            return malformed("duplicate field \"" + quotable(repeated) + "\"");
        }
        String what = (e instanceof StreamConstraintsException ? "JSON exceeds a parser limit" : "not JSON")
                + at(e.getLocation());
        if (field != null) {
            return malformed("field \"" + quotable(field) + "\": " + what + ": " + Reasons.oneLine(message));
        }
        // Jackson reads a scalar value together with its name, so an error there surfaces before this class
        // knows the field; the last name read is then the best pointer ("near": it may be the one before).
        String name = rootObjectName();
        String near = name == null ? "" : " near field \"" + quotable(name) + "\"";
        return malformed(what + near + ": " + Reasons.oneLine(message));
    }

    private String rootObjectName() {
        JsonStreamContext context = parser.getParsingContext();
        boolean inRootObject = context != null && context.inObject() && context.getParent() != null
                && context.getParent().inRoot();
        return inRootObject ? context.getCurrentName() : null;
    }

    /** A field name as it can sit between quotes in a message: escaped, one line, bounded. */
    private static String quotable(String name) {
        return Reasons.oneLine(name.replace("\\", "\\\\").replace("\"", "\\\""), MAX_QUOTED_VALUE);
    }

    private static String at(JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    private String describe(JsonToken token) throws IOException {
        return switch (token) {
            case VALUE_STRING -> "\"" + quotable(parser.getText()) + "\"";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> Reasons.oneLine(parser.getText(), MAX_QUOTED_VALUE);
            case VALUE_TRUE -> "true";
            case VALUE_FALSE -> "false";
            case VALUE_NULL -> "null";
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            default -> token.name();
        };
    }

    private MalformedSignature fieldError(String why) {
        return malformed("field \"" + field + "\" " + why);
    }

    private static MalformedSignature malformed(String reason) {
        return new MalformedSignature(reason);
    }
}
