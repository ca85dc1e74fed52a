package dev.signet.adapters.persistence.sigfile;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A folder that can be made read-only or full for real, to provoke the write failures an operator meets.
 *
 * <p>Root ignores folder permissions, and the tests run as root in CI, so as root the folder is a tiny tmpfs
 * of its own: {@code mount -o remount,ro} makes it read-only for everyone, and a filler file makes it full.
 * Without root, read-only is a chmod (which binds a normal user), and a full disk cannot be made: such a test
 * is aborted with that reason. As root, a failed mount is a test failure, never a skip.
 *
 * <p>Close it (try-with-resources) before the enclosing temporary folder is deleted: it unmounts.
 */
public final class FaultyFolder implements AutoCloseable {
    /** Enough for a few .sig files; a filler file takes the rest. */
    private static final String SIZE = "64k";
    private static final String FILLER = "filler";

    private final Path path;
    private final boolean mounted;

    private FaultyFolder(Path path, boolean mounted) {
        this.path = path;
        this.mounted = mounted;
    }

    /** A new, empty, writable folder named {@code name} inside {@code parent}. */
    public static FaultyFolder create(Path parent, String name) throws IOException {
        Path path = Files.createDirectory(parent.resolve(name));
        if (!isRoot()) {
            return new FaultyFolder(path, false);
        }
        run("mount", "-t", "tmpfs", "-o", "size=" + SIZE + ",mode=0755", "tmpfs", path.toString());
        return new FaultyFolder(path, true);
    }

    public Path path() {
        return path;
    }

    /** The name of the file {@link #fill()} writes, to leave out of listings. */
    public static String fillerName() {
        return FILLER;
    }

    /** From now on, nothing in the folder can be created, changed or removed, not even by root. */
    public void makeReadOnly() throws IOException {
        if (mounted) {
            run("mount", "-o", "remount,ro", path.toString());
        } else {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("r-xr-xr-x"));
        }
    }

    /** Fills the file system to its last byte; a new file can still be created, but not given content. */
    public void fill() throws IOException {
        Assumptions.assumeTrue(mounted, "a full disk needs a tmpfs, and mounting one needs root (uid 0)");
        byte[] block = new byte[4096];
        try (OutputStream out = Files.newOutputStream(path.resolve(FILLER))) {
            while (true) {
                out.write(block);
                out.flush();
            }
        } catch (IOException expected) {
            // No space left on device: that is the point.
        }
        byte[] one = new byte[1];
        try {
            Files.write(path.resolve(".probe"), one);
            fail("the tmpfs at " + path + " still takes bytes after filling it");
        } catch (IOException expected) {
            Files.deleteIfExists(path.resolve(".probe"));
        }
    }

    /** The names in the folder, sorted, without the filler. */
    public List<String> names() throws IOException {
        try (Stream<Path> entries = Files.list(path)) {
            return entries.map(entry -> entry.getFileName().toString()).filter(name -> !name.equals(FILLER)).sorted()
                    .toList();
        }
    }

    @Override
    public void close() throws IOException {
        if (mounted) {
            run("umount", path.toString());
        } else {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    private static boolean isRoot() {
        try {
            return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    private static void run(String... command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail(String.join(" ", command) + " did not finish in 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + command[0], e);
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (process.exitValue() != 0) {
            fail(String.join(" ", command) + " failed (exit " + process.exitValue() + ") as root: " + output);
        }
    }
}
