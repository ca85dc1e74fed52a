package dev.signet.adapters.persistence.sigfile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** A valid signature file's members as raw JSON text, to be bent one at a time by a test. */
final class SigJson {
    private final Map<String, String> members = new LinkedHashMap<>();

    private SigJson() {
    }

    static SigJson valid() {
        return new SigJson()
                .with("version", "1")
                .with("algorithm", quoted("ed25519"))
                .with("package_hash", quoted(SampleSignatures.PACKAGE_HASH))
                .with("key_fingerprint", quoted(SampleSignatures.KEY_FINGERPRINT))
                .with("signature", quoted(SampleSignatures.SIGNATURE))
                .with("signed_at", quoted(SampleSignatures.SIGNED_AT));
    }

    static String quoted(String text) {
        return '"' + text + '"';
    }

    /** Replaces a member's raw value in place, or appends a new member. */
    SigJson with(String name, String rawJson) {
        members.put(name, rawJson);
        return this;
    }

    SigJson withString(String name, String text) {
        return with(name, quoted(text));
    }

    SigJson without(String name) {
        members.remove(name);
        return this;
    }

    String text() {
        StringBuilder json = new StringBuilder("{\n");
        members.forEach((name, value) ->
                json.append("  ").append(quoted(name)).append(": ").append(value).append(",\n"));
        if (!members.isEmpty()) {
            json.setLength(json.length() - 2);
            json.append('\n');
        }
        return json.append('}').toString();
    }

    Path writeTo(Path folder) throws IOException {
        return write(folder, text().getBytes(StandardCharsets.UTF_8));
    }

    static Path write(Path folder, byte[] bytes) throws IOException {
        return Files.write(folder.resolve("package.pkg.sig"), bytes);
    }
}
