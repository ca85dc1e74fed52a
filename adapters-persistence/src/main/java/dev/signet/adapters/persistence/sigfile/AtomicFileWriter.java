package dev.signet.adapters.persistence.sigfile;

import dev.signet.application.port.out.FileKinds;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Replaces a file so that readers see the old content or all of the new, never a part: the bytes go to a
 * temporary file in the same folder (same file system, so the rename can be atomic), are flushed to the
 * device, and the temporary file is renamed over the target. On any failure the temporary file is deleted
 * and the target is left as it was. If the target is a symbolic link, the link itself is replaced.
 *
 * <p>Only a regular file is ever replaced: a target that exists (following links) as a device, FIFO, socket or
 * folder is refused before the temporary file is made, and checked again just before the rename, since a rename
 * over {@code /dev/null} would replace the device node itself.
 */
public final class AtomicFileWriter {
    /** Signatures (and the public keys the CLI exports) are public; the temporary file starts as 0600 and is opened up before it becomes visible. */
    private static final Set<PosixFilePermission> RW_R_R = PosixFilePermissions.fromString("rw-r--r--");
    /** Keeps the temporary name within the usual 255-byte limit for long target names. */
    private static final int MAX_NAME_IN_TEMP = 100;

    private AtomicFileWriter() {
    }

    /**
     * @throws IOException whose message says which step failed and why, in one line, without naming the
     *     temporary file (people know the target, not our temporary name)
     */
    public static void write(Path target, byte[] bytes) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path folder = absolute.getParent();
        if (folder == null || absolute.getFileName() == null) {
            throw new IOException("not a file path");
        }
        refuseUnlessReplaceable(absolute);
        String prefix = "." + shortened(absolute.getFileName().toString()) + ".";
        Path temp = step("cannot create a temporary file in " + folder,
                () -> Files.createTempFile(folder, prefix, ".tmp"));
        try {
            step("cannot write the temporary file", () -> writeDurably(temp, bytes));
            // Before the rename, so that the file never appears with other permissions.
            step("cannot set permissions", () -> makePublic(temp));
            refuseUnlessReplaceable(absolute);
            step("cannot move the temporary file into place", () -> Files.move(temp, absolute,
                    StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING));
        } catch (Throwable failure) {
            deleteQuietly(temp, failure);
            throw failure;
        }
        syncFolder(folder);
    }

    /** Absent (also a dangling link) or a regular file; anything else is never renamed over. */
    static void refuseUnlessReplaceable(Path target) throws IOException {
        String kind;
        try {
            kind = FileKinds.of(target);
        } catch (NoSuchFileException absent) {
            return;
        }
        if (!kind.equals(FileKinds.REGULAR_FILE)) {
            throw new IOException("it " + FileKinds.notRegular(kind));
        }
    }

    private interface IoStep<T> {
        T run() throws IOException;
    }

    private static <T> T step(String what, IoStep<T> action) throws IOException {
        try {
            return action.run();
        } catch (IOException e) {
            throw new IOException(what + ": " + Reasons.withoutPath(e), e);
        }
    }

    private static Void writeDurably(Path file, byte[] bytes) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            // Without this, a crash soon after the rename can leave the new name pointing at empty content.
            channel.force(true);
        }
        return null;
    }

    private static Void makePublic(Path file) throws IOException {
        if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
            Files.setPosixFilePermissions(file, RW_R_R);
        }
        return null;
    }

    private static void deleteQuietly(Path temp, Throwable failure) {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException | RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    /**
     * Makes the rename itself durable. Best effort: not every platform can open a folder (Windows cannot),
     * and the new file is already complete and in place.
     */
    private static void syncFolder(Path folder) {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | RuntimeException e) {
            // the write succeeded; only its durability across a power loss is less certain
        }
    }

    private static String shortened(String name) {
        return name.length() <= MAX_NAME_IN_TEMP ? name : name.substring(0, MAX_NAME_IN_TEMP);
    }
}
