package dev.signet.adapters.crypto.soft;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The loading gate's per-process staging folders: {@code signet-staged-PID-START-RANDOM}, where PID and START
 * (the process's start time, epoch milliseconds) say whose it is. A folder is provably stale when no process
 * has that pid, or the process that has it started at another time (the pid was reused): the process that made
 * it is gone, and nobody else writes there. A folder whose process runs, or whose owner cannot be told (no start
 * time on this platform), or whose name is not of this form, is never touched.
 */
final class StagingFolders {
    static final String PREFIX = "signet-staged-";
    private static final Pattern NAME = Pattern.compile(Pattern.quote(PREFIX) + "(\\d{1,19})-(\\d{1,19})-[0-9]+");

    private StagingFolders() {
    }

    /** A new owner-only folder for this process under {@code parent}, which is made (owner-only) if missing. */
    static Path create(Path parent) throws IOException {
        if (!Files.isDirectory(parent)) {
            Files.createDirectories(parent, HashingPackageStager.ownerOnly("rwx------"));
        }
        ProcessHandle self = ProcessHandle.current();
        long start = self.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
        return Files.createTempDirectory(parent, PREFIX + self.pid() + "-" + start + "-",
                HashingPackageStager.ownerOnly("rwx------"));
    }

    /** Deletes the stale staging folders directly under {@code parent}; best effort, never fails. */
    static void sweepStale(Path parent) {
        if (!Files.isDirectory(parent)) {
            return;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(parent, PREFIX + "*")) {
            for (Path entry : entries) {
                if (isStale(entry)) {
                    deleteTree(entry);
                }
            }
        } catch (IOException | RuntimeException e) {
            // sweeping is housekeeping; a folder left now is swept by a later start
        }
    }

    static boolean isStale(Path folder) {
        Matcher name = NAME.matcher(folder.getFileName().toString());
        if (!name.matches() || !Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        long pid;
        long start;
        try {
            pid = Long.parseLong(name.group(1));
            start = Long.parseLong(name.group(2));
        } catch (NumberFormatException tooLarge) {
            return false;
        }
        if (start == 0) {
            return false; // its maker could not tell its own start time, so neither can we tell it is gone
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        if (process.isEmpty()) {
            return true;
        }
        Optional<Instant> started = process.get().info().startInstant();
        return started.isPresent() && started.get().toEpochMilli() != start;
    }

    /** Deletes the folder and what is in it, never following a link out of it. */
    private static void deleteTree(Path folder) throws IOException {
        try {
            Files.walkFileTree(folder, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (NoSuchFileException gone) {
            // another process swept it first
        }
    }
}
