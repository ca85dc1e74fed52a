package dev.signet.domain.signature;

import dev.signet.domain.Require;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * The signed-message rule: which bytes Ed25519 signs. Plain Ed25519, no prehash mode, no context.
 * <ul>
 *   <li>a package (compat.md): the 32 raw bytes of its SHA-256, not its hex text and not the file;</li>
 *   <li>a statement Signet makes about itself (an audit checkpoint): UTF-8 text whose first line names what it
 *       is and its version, e.g. {@code "signet audit checkpoint v1\n"}. Such a message is always longer than
 *       32 bytes, so no signature over it is ever a package signature, nor one over another kind of statement
 *       (their first lines differ).</li>
 * </ul>
 */
public sealed interface SignedMessage {

    static SignedMessage forPackage(PackageHash packageHash) {
        return new PackageDigest(packageHash);
    }

    /** @param text begins with a line {@code "signet <what> v<version>\n"} (see {@link Statement}) */
    static SignedMessage forStatement(String text) {
        return new Statement(text);
    }

    /** The exact bytes handed to Ed25519 sign and verify. */
    byte[] bytes();

    record PackageDigest(PackageHash packageHash) implements SignedMessage {
        public PackageDigest {
            Require.present(packageHash, "package hash");
        }

        @Override
        public byte[] bytes() {
            return packageHash.bytes();
        }
    }

    record Statement(String text) implements SignedMessage {
        private static final Pattern FIRST_LINE = Pattern.compile("signet [a-z ]+ v[0-9]+\n");

        public Statement {
            Require.present(text, "statement");
            if (!FIRST_LINE.matcher(text).lookingAt()) {
                throw new IllegalArgumentException("a signed statement starts with a line \"signet <what> v<version>\"");
            }
            if (text.getBytes(StandardCharsets.UTF_8).length <= PackageHash.LENGTH) {
                throw new IllegalArgumentException("a signed statement is longer than a package digest");
            }
        }

        @Override
        public byte[] bytes() {
            return text.getBytes(StandardCharsets.UTF_8);
        }
    }
}
