package dev.signet.bootstrap;

import dev.signet.domain.Hex;
import dev.signet.domain.SignetException;
import dev.signet.domain.key.KeyEncryptionKey;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads the 32-byte key-encryption key from configuration: 64 hex characters or standard base64, from
 * a file or an environment variable. Error messages say what is wrong with the value, never the value.
 */
public final class KeyEncryptionKeys {
    public static final String ENVIRONMENT = "SIGNET_KEY_ENCRYPTION_KEY";
    public static final String ENVIRONMENT_FILE = "SIGNET_KEY_ENCRYPTION_KEY_FILE";
    public static final String ENVIRONMENT_TOKEN_LABEL = "SIGNET_KEK_PKCS11_LABEL";
    private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]{64}");
    private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/]{43}=");
    private static final int MAX_FILE_BYTES = 1024;

    private KeyEncryptionKeys() {
    }

    /** Parses 64 hex characters or the canonical base64 of 32 bytes; surrounding whitespace is ignored. */
    public static KeyEncryptionKey parse(String text, String source) {
        String value = text.strip();
        byte[] bytes = null;
        try {
            if (HEX.matcher(value).matches()) {
                bytes = Hex.decode(value, KeyEncryptionKey.LENGTH, "key-encryption key");
            } else if (BASE64.matcher(value).matches()
                    && Base64.getEncoder().encodeToString(bytes = Base64.getDecoder().decode(value)).equals(value)) {
                // canonical base64 of exactly 32 bytes
            } else {
                throw new InvalidKeyEncryptionKey(source + " must hold 32 bytes as 64 hex characters or base64 (got "
                        + value.length() + " characters)");
            }
            return KeyEncryptionKey.of(bytes);
        } catch (IllegalArgumentException e) {
            throw new InvalidKeyEncryptionKey(source + ": " + e.getMessage());
        } finally {
            if (bytes != null) {
                Arrays.fill(bytes, (byte) 0);
            }
        }
    }

    /**
     * As {@link #parse(String, String)}, on the bytes of a file read as US-ASCII, without ever making a String
     * of the key: a String cannot be wiped. Same results and messages as the String form.
     */
    static KeyEncryptionKey parse(byte[] text, String source) {
        int start = 0;
        int end = text.length;
        while (start < end && isWhitespace(text[start])) {
            start++;
        }
        while (end > start && isWhitespace(text[end - 1])) {
            end--;
        }
        int length = end - start;
        byte[] bytes = null;
        try {
            if (length == 2 * KeyEncryptionKey.LENGTH && all(text, start, end, KeyEncryptionKeys::isHexDigit)) {
                bytes = new byte[KeyEncryptionKey.LENGTH];
                for (int i = 0; i < bytes.length; i++) {
                    bytes[i] = (byte) (Character.digit(text[start + 2 * i], 16) << 4
                            | Character.digit(text[start + 2 * i + 1], 16));
                }
            } else if (length == 44 && text[end - 1] == '=' && all(text, start, end - 1, KeyEncryptionKeys::isBase64Digit)) {
                bytes = canonicalBase64(Arrays.copyOfRange(text, start, end));
            }
            if (bytes == null) {
                throw new InvalidKeyEncryptionKey(source + " must hold 32 bytes as 64 hex characters or base64 (got "
                        + length + " characters)");
            }
            return KeyEncryptionKey.of(bytes);
        } catch (IllegalArgumentException e) {
            throw new InvalidKeyEncryptionKey(source + ": " + e.getMessage());
        } finally {
            if (bytes != null) {
                Arrays.fill(bytes, (byte) 0);
            }
        }
    }

    /** The decoded bytes if {@code text} (wiped here) is the canonical base64 of 32 bytes, else null. */
    private static byte[] canonicalBase64(byte[] text) {
        byte[] decoded = null;
        byte[] again = null;
        try {
            decoded = Base64.getDecoder().decode(text);
            again = Base64.getEncoder().encode(decoded);
            if (Arrays.equals(again, text)) {
                byte[] result = decoded;
                decoded = null;
                return result;
            }
            return null;
        } finally {
            Arrays.fill(text, (byte) 0);
            if (decoded != null) {
                Arrays.fill(decoded, (byte) 0);
            }
            if (again != null) {
                Arrays.fill(again, (byte) 0);
            }
        }
    }

    private interface BytePredicate {
        boolean test(byte b);
    }

    private static boolean all(byte[] text, int start, int end, BytePredicate predicate) {
        for (int i = start; i < end; i++) {
            if (!predicate.test(text[i])) {
                return false;
            }
        }
        return true;
    }

    /** What String.strip() removes, for bytes that US-ASCII decodes to themselves (others become U+FFFD). */
    private static boolean isWhitespace(byte b) {
        return b >= 0 && Character.isWhitespace((char) b);
    }

    private static boolean isHexDigit(byte b) {
        return (b >= '0' && b <= '9') || (b >= 'a' && b <= 'f') || (b >= 'A' && b <= 'F');
    }

    private static boolean isBase64Digit(byte b) {
        return (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9') || b == '+' || b == '/';
    }

    /** From a file that must be a regular file only its owner can access (see {@link SecretFiles}). */
    public static KeyEncryptionKey fromFile(Path file) {
        return fromFile(file, false);
    }

    /** As above; {@code allowInsecure} accepts a file that group or others can access. */
    public static KeyEncryptionKey fromFile(Path file, boolean allowInsecure) {
        String notRegular = SecretFiles.notRegularReason(file);
        if (notRegular != null) {
            throw new InvalidKeyEncryptionKey("key-encryption key file " + file + " " + notRegular);
        }
        SecretFiles.requireOwnerOnly(file, "key-encryption key", allowInsecure);
        try (InputStream in = Files.newInputStream(file)) {
            byte[] content = in.readNBytes(MAX_FILE_BYTES + 1);
            if (content.length > MAX_FILE_BYTES) {
                throw new InvalidKeyEncryptionKey("key-encryption key file " + file + " is too large");
            }
            try {
                return parse(content, "key-encryption key file " + file);
            } finally {
                Arrays.fill(content, (byte) 0);
            }
        } catch (IOException e) {
            throw new InvalidKeyEncryptionKey("cannot read key-encryption key file " + file + ": "
                    + e.getClass().getSimpleName());
        }
    }

    /** The KEK per cli.md: a flag's file beats SIGNET_KEY_ENCRYPTION_KEY, which beats ..._FILE. */
    public static Optional<KeyEncryptionKey> resolve(Path fileFlag, Map<String, String> environment) {
        return resolve(fileFlag, null, environment);
    }

    /**
     * As above, with a KEK kept in the PKCS#11 token as the other choice: --kek-file, then --kek-pkcs11-label,
     * then SIGNET_KEY_ENCRYPTION_KEY, SIGNET_KEY_ENCRYPTION_KEY_FILE, SIGNET_KEK_PKCS11_LABEL. A file open to
     * group or others is refused unless SIGNET_ALLOW_INSECURE_SECRET_FILES says otherwise.
     */
    public static Optional<KeyEncryptionKey> resolve(Path fileFlag, String tokenLabelFlag,
            Map<String, String> environment) {
        return resolve(fileFlag, tokenLabelFlag, SecretFiles.insecureAllowedBy(environment), environment);
    }

    /** As above; {@code allowInsecure} (the CLI's --allow-insecure-secret-files) accepts an open KEK file. */
    public static Optional<KeyEncryptionKey> resolve(Path fileFlag, String tokenLabelFlag, boolean allowInsecure,
            Map<String, String> environment) {
        if (fileFlag != null) {
            return Optional.of(fromFile(fileFlag, allowInsecure));
        }
        if (tokenLabelFlag != null) {
            return Optional.of(KeyEncryptionKey.inToken(tokenLabelFlag));
        }
        String inline = environment.get(ENVIRONMENT);
        if (inline != null && !inline.isBlank()) {
            return Optional.of(parse(inline, ENVIRONMENT));
        }
        String file = environment.get(ENVIRONMENT_FILE);
        if (file != null && !file.isBlank()) {
            return Optional.of(fromFile(Path.of(file), allowInsecure));
        }
        String tokenLabel = environment.get(ENVIRONMENT_TOKEN_LABEL);
        if (tokenLabel != null && !tokenLabel.isBlank()) {
            return Optional.of(KeyEncryptionKey.inToken(tokenLabel.strip()));
        }
        return Optional.empty();
    }

    /** A key-encryption key in configuration that is not 32 usable bytes. */
    public static final class InvalidKeyEncryptionKey extends SignetException {
        InvalidKeyEncryptionKey(String message) {
            super(message);
        }
    }
}
