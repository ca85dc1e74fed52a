package dev.signet.application.port.out;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * What a path names, following links, told from its attributes alone: the adapters that read or replace files
 * ask this first, because opening a FIFO blocks until someone writes to it and renaming onto a device node
 * replaces the device. Checking and then opening leaves a window in which the path can be swapped (see
 * docs/security.md); the check is there so that no ordinary mistake blocks or destroys anything.
 */
public final class FileKinds {
    public static final String REGULAR_FILE = "a regular file";

    private FileKinds() {
    }

    /**
     * "a regular file", "a directory", "a FIFO", "a character device", "a block device", "a socket" or "a special
     * file", following symbolic links.
     *
     * @throws IOException as {@link Files#readAttributes}, e.g. NoSuchFileException when nothing is there
     */
    public static String of(Path path) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
        if (attributes.isRegularFile()) {
            return REGULAR_FILE;
        }
        if (attributes.isDirectory()) {
            return "a directory";
        }
        return special(path);
    }

    /** The words the refusals use, e.g. "is a FIFO, not a regular file". */
    public static String notRegular(String kind) {
        return "is " + kind + ", not a regular file";
    }

    private static String special(Path path) {
        try {
            Object mode = Files.getAttribute(path, "unix:mode");
            if (mode instanceof Integer bits) {
                return switch (bits & 0170000) {
                    case 0010000 -> "a FIFO";
                    case 0020000 -> "a character device";
                    case 0060000 -> "a block device";
                    case 0140000 -> "a socket";
                    default -> "a special file";
                };
            }
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            // no "unix" view on this platform: the generic word will do
        }
        return "a special file";
    }
}
