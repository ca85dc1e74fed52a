package dev.signet.bootstrap.cli;

import dev.signet.adapters.crypto.soft.HashProgress;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/**
 * The CLI's progress while it hashes a package of {@value #THRESHOLD_MIB} MiB or more: one line on stderr per
 * whole percent ({@code signet: hashing big.pkg: 42% (430 of 1024 MiB)}), only when stderr is a terminal.
 * Java 17 cannot tell whether fd 2 is a terminal, so the launchers say so with {@code -D}{@value #TTY_PROPERTY}
 * {@code =true} when {@code [[ -t 2 ]]}; never with {@code --json}, nor in CI logs (environment variable
 * {@code CI} set and not empty), nor when the property is missing (pipes, redirects, integrators' JVMs).
 */
final class TerminalHashProgress implements HashProgress {
    static final String TTY_PROPERTY = "signet.stderr.tty";
    static final long THRESHOLD_MIB = 256;
    private static final long MIB = 1 << 20;

    private final PrintStream stderr;

    TerminalHashProgress(PrintStream stderr) {
        this.stderr = stderr;
    }

    /** Whether a command line run with these properties and environment shows hashing progress. */
    static boolean wanted(Properties properties, Map<String, String> environment, boolean json) {
        String ci = environment.get("CI");
        return Boolean.parseBoolean(properties.getProperty(TTY_PROPERTY)) && !json && (ci == null || ci.isEmpty());
    }

    @Override
    public Tracker start(Path file, long size) {
        if (size < THRESHOLD_MIB * MIB) {
            return Tracker.NONE;
        }
        String name = String.valueOf(file.getFileName());
        return new Tracker() {
            private long shown = -1;

            @Override
            public void hashed(long bytesSoFar) {
                long percent = Math.min(100, bytesSoFar * 100 / size);
                if (percent != shown) {
                    shown = percent;
                    stderr.println("signet: hashing " + name + ": " + percent + "% (" + bytesSoFar / MIB + " of "
                            + size / MIB + " MiB)");
                }
            }

            @Override
            public void finished() {
                stderr.flush();
            }
        };
    }
}
