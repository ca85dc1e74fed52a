package dev.signet.adapters.persistence.sigfile;

import dev.signet.domain.verification.MalformedSignature;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes the whole file as strict UTF-8 before any JSON parsing. JSON parsers may pass over bad bytes (for
 * instance inside a value that is skipped), while Cloacina's serde_json rejects the file; checking every byte
 * up front makes the outcome independent of where the bad bytes sit. Overlong forms and encoded surrogates
 * are rejected too.
 */
final class StrictUtf8 {
    private StrictUtf8() {
    }

    static String decode(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        // UTF-8 never yields more chars than bytes, so this buffer cannot overflow.
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError() || result.isOverflow()) {
            throw new MalformedSignature("not valid UTF-8 (bad byte at offset " + in.position() + ")");
        }
        return out.flip().toString();
    }
}
