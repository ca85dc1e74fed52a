package dev.signet.bootstrap.cli;

import dev.signet.bootstrap.SecretFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads small key files with a size cap, so that a wrong path to a huge file fails at once, and only regular
 * files, so that a FIFO or device never blocks the command (checked before opening, following links).
 */
final class KeyFiles {
    static final int MAX_BYTES = 64 * 1024;

    private KeyFiles() {
    }

    static byte[] read(Path file, String what) {
        String notRegular = SecretFiles.notRegularReason(file);
        if (notRegular != null) {
            throw new CliFailure(what + " file " + file + " " + notRegular);
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                throw new CliFailure(what + " file " + file + " is larger than " + MAX_BYTES + " bytes");
            }
            return bytes;
        } catch (NoSuchFileException e) {
            throw new CliFailure(what + " file " + file + " does not exist", e);
        } catch (IOException e) {
            throw new CliFailure("cannot read " + what + " file " + file + ": " + e.getMessage(), e);
        }
    }

    /** A file holding a secret (the PIN): also refused when group or others can access it, unless allowed. */
    static byte[] readSecret(Path file, String what, boolean allowInsecure) {
        String notRegular = SecretFiles.notRegularReason(file);
        if (notRegular != null) {
            throw new CliFailure(what + " file " + file + " " + notRegular);
        }
        SecretFiles.requireOwnerOnly(file, what, allowInsecure);
        return read(file, what);
    }
}
