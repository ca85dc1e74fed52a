package dev.signet.bootstrap.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Files that are not regular files, made for real (mkfifo, mknod), and a CLI run that cannot hang the suite:
 * a command stuck opening a FIFO is released by opening the FIFO's other end, and the test fails.
 */
public final class OddFiles {
    private OddFiles() {
    }

    public static Path fifo(Path path) {
        Processes.ok(path.toAbsolutePath().getParent(), "mkfifo", path.toString());
        assertThat(kind(path)).as(path.toString()).isEqualTo("fifo");
        return path;
    }

    /** A character device with /dev/null's numbers (1, 3), private to the test: root only. */
    public static Path nullDevice(Path path) {
        Processes.ok(path.toAbsolutePath().getParent(), "mknod", path.toString(), "c", "1", "3");
        assertThat(kind(path)).as(path.toString()).isEqualTo("character device");
        return path;
    }

    public static boolean runningAsRoot() {
        try {
            Path probe = Files.createTempFile("signet-uid-", ".probe");
            try {
                return ((Integer) Files.getAttribute(probe, "unix:uid")) == 0;
            } finally {
                Files.delete(probe);
            }
        } catch (IOException | UnsupportedOperationException e) {
            throw new AssertionError("cannot tell whether the test runs as root: " + e, e);
        }
    }

    /** What the path is, not following links: "regular file", "directory", "fifo", "character device", ... */
    public static String kind(Path path) {
        try {
            PosixFileAttributes attributes = Files.readAttributes(path, PosixFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            if (attributes.isRegularFile()) {
                return "regular file";
            }
            if (attributes.isDirectory()) {
                return "directory";
            }
            if (attributes.isSymbolicLink()) {
                return "symbolic link";
            }
            int mode = (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
            return switch (mode & 0170000) {
                case 0010000 -> "fifo";
                case 0020000 -> "character device";
                case 0060000 -> "block device";
                case 0140000 -> "socket";
                default -> "other (mode " + Integer.toOctalString(mode) + ")";
            };
        } catch (IOException e) {
            throw new AssertionError("cannot stat " + path + ": " + e, e);
        }
    }

    /**
     * Runs the CLI in this JVM and fails if it takes longer than {@code bound}; a run still stuck then is
     * released by opening (and closing) the write end of each FIFO, so that the suite goes on.
     */
    public static Cli.Result runWithin(Duration bound, List<Path> fifos, Cli cli, Object... args) {
        ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "signet-cli-under-watchdog");
            thread.setDaemon(true);
            return thread;
        });
        try {
            Future<Cli.Result> run = executor.submit(() -> cli.run(args));
            try {
                return run.get(bound.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                for (Path fifo : fifos) {
                    release(fifo);
                }
                fail("signet " + List.of(args) + " did not finish within " + bound + " (blocked on a FIFO?)");
                throw new AssertionError("unreachable");
            } catch (ExecutionException e) {
                throw new AssertionError(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        } finally {
            executor.shutdownNow();
        }
    }

    private static void release(Path fifo) {
        Thread releaser = new Thread(() -> {
            try (OutputStream out = Files.newOutputStream(fifo)) {
                out.flush();
            } catch (IOException ignored) {
                // nothing more to do; the test fails anyway
            }
        }, "fifo-releaser");
        releaser.setDaemon(true);
        releaser.start();
        try {
            releaser.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
