package dev.signet.adapters.persistence.db;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A second Signet process: opens (and so migrates) the database, holds it open for a while, closes it.
 * Prints nothing and exits 0 on success; prints the failure on one line and exits 1 otherwise.
 * Arguments: URL, user ("-" for none), password, epoch millis to start at, millis to hold the database.
 */
public final class OpenInAnotherProcess {
    private OpenInAnotherProcess() {
    }

    public static void main(String[] args) throws Exception {
        String user = args[1].equals("-") ? null : args[1];
        long startAt = Long.parseLong(args[3]);
        long hold = Long.parseLong(args[4]);
        Thread.sleep(Math.max(0, startAt - System.currentTimeMillis()));
        try (Database database = Database.open(args[0], user, args[2], DatabaseOptions.defaults())) {
            database.organizations().list();
            Thread.sleep(hold);
        } catch (RuntimeException e) {
            System.err.println(e.getClass().getSimpleName() + ": " + e.getMessage());
            System.exit(1);
        }
        System.exit(0);
    }

    /** Starts this class in a new JVM with the test class path; its output goes to {@code log}. */
    static Process start(TestDatabase db, Instant startAt, Duration hold, Path log) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                OpenInAnotherProcess.class.getName(), db.url(), db.user() == null ? "-" : db.user(),
                db.password() == null ? "" : db.password(), Long.toString(startAt.toEpochMilli()),
                Long.toString(hold.toMillis())))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
    }
}
