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

import dev.signet.domain.signature.PackageSignature;
import java.nio.charset.StandardCharsets;

/**
 * Writes a signature byte for byte as Cloacina does (serde_json's pretty printer: two-space indent,
 * {@code ": "} after names, fields in declaration order, no newline at the end), so that equal inputs give
 * identical files; a timestamp token is one more field after signed_at, and a signature without one keeps
 * compat.md's bytes exactly. Written by hand: every value is hex, base64 or a timestamp, none needs escaping.
 */
final class PrettySignatureJson {
    private PrettySignatureJson() {
    }

    static byte[] encode(PackageSignature signature) {
        String signedAt = CloacinaTimestamp.format(signature.signedAt());
        StringBuilder json = new StringBuilder(400).append("{\n");
        member(json, VERSION, Integer.toString(CURRENT_VERSION)).append(",\n");
        member(json, ALGORITHM, quoted(ED25519)).append(",\n");
        member(json, PACKAGE_HASH, quoted(signature.packageHash().hex())).append(",\n");
        member(json, KEY_FINGERPRINT, quoted(signature.keyFingerprint().hex())).append(",\n");
        member(json, SIGNATURE, quoted(signature.signature().base64())).append(",\n");
        member(json, SIGNED_AT, quoted(signedAt));
        signature.timestampToken().ifPresent(token -> member(json.append(",\n"), TIMESTAMP_TOKEN, quoted(token.base64())));
        json.append('\n');
        return json.append('}').toString().getBytes(StandardCharsets.UTF_8);
    }

    private static StringBuilder member(StringBuilder json, String name, String value) {
        return json.append("  ").append(quoted(name)).append(": ").append(value);
    }

    private static String quoted(String text) {
        return '"' + text + '"';
    }
}
