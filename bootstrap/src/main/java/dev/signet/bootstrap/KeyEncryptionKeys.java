package dev.signet.bootstrap;

import dev.signet.domain.Hex;
import dev.signet.domain.SignetException;
import dev.signet.domain.key.KeyEncryptionKey;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
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

    public static KeyEncryptionKey fromFile(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] content = in.readNBytes(MAX_FILE_BYTES + 1);
            if (content.length > MAX_FILE_BYTES) {
                throw new InvalidKeyEncryptionKey("key-encryption key file " + file + " is too large");
            }
            try {
                return parse(new String(content, StandardCharsets.US_ASCII), "key-encryption key file " + file);
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
     * then SIGNET_KEY_ENCRYPTION_KEY, SIGNET_KEY_ENCRYPTION_KEY_FILE, SIGNET_KEK_PKCS11_LABEL.
     */
    public static Optional<KeyEncryptionKey> resolve(Path fileFlag, String tokenLabelFlag,
            Map<String, String> environment) {
        if (fileFlag != null) {
            return Optional.of(fromFile(fileFlag));
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
            return Optional.of(fromFile(Path.of(file)));
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
