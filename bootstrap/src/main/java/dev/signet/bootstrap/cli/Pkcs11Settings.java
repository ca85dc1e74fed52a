package dev.signet.bootstrap.cli;

import dev.signet.bootstrap.SecretFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/** The PKCS#11 settings of cli.md: flags beat variables; the PIN from a file or SIGNET_PKCS11_PIN, never a flag. */
record Pkcs11Settings(Path library, String token, char[] pin) {
    /** Sessions the CLI pools: one command signs once, so two leave room for a re-login. */
    static final int SESSIONS = 2;

    static Optional<Pkcs11Settings> resolve(StoreOptions store, Map<String, String> environment) {
        Path library = store.pkcs11Library != null ? store.pkcs11Library : pathOf(environment.get("SIGNET_PKCS11_LIBRARY"));
        String token = store.pkcs11Token != null ? store.pkcs11Token : blankToNull(environment.get("SIGNET_PKCS11_TOKEN"));
        if (library == null && token == null) {
            return Optional.empty();
        }
        if (library == null || token == null) {
            throw new CliFailure("PKCS#11 needs both a library (--pkcs11-library or SIGNET_PKCS11_LIBRARY) and a token "
                    + "label (--pkcs11-token or SIGNET_PKCS11_TOKEN)");
        }
        return Optional.of(new Pkcs11Settings(library, token, pin(store, environment)));
    }

    void wipe() {
        Arrays.fill(pin, '\0');
    }

    @Override
    public String toString() {
        return "Pkcs11Settings[library=" + library + ", token=" + token + ", pin=****]";
    }

    private static char[] pin(StoreOptions store, Map<String, String> environment) {
        Path file = store.pkcs11PinFile != null ? store.pkcs11PinFile : pathOf(environment.get("SIGNET_PKCS11_PIN_FILE"));
        if (store.pkcs11PinFile == null && blankToNull(environment.get("SIGNET_PKCS11_PIN")) != null) {
            return environment.get("SIGNET_PKCS11_PIN").strip().toCharArray();
        }
        if (file == null) {
            throw new CliFailure("PKCS#11 needs the token's user PIN: --pkcs11-pin-file, SIGNET_PKCS11_PIN or "
                    + "SIGNET_PKCS11_PIN_FILE");
        }
        byte[] bytes = KeyFiles.readSecret(file, "PKCS#11 PIN",
                store.allowInsecureSecretFiles || SecretFiles.insecureAllowedBy(environment));
        try {
            CharBuffer chars = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(bytes));
            int end = chars.limit();
            while (end > 0 && Character.isWhitespace(chars.get(end - 1))) {
                end--;
            }
            char[] pin = new char[end];
            chars.get(pin);
            Arrays.fill(chars.array(), '\0');
            return pin;
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    private static Path pathOf(String value) {
        return blankToNull(value) == null ? null : Path.of(value);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
