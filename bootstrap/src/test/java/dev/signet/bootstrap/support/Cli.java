package dev.signet.bootstrap.support;

import dev.signet.bootstrap.cli.SignetCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Runs the real {@code signet} command line in this JVM and captures what it prints. */
public final class Cli {
    private final Path home;

    public Cli(Path home) {
        this.home = home;
    }

    public Result run(Object... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] arguments = java.util.Arrays.stream(args).map(String::valueOf).toArray(String[]::new);
        int code = SignetCli.run(new PrintWriter(out, true), new PrintWriter(err, true),
                Map.of("SIGNET_HOME", home.toString()), arguments);
        return new Result(code, out.toString(), err.toString());
    }

    public record Result(int exitCode, String out, String err) {
        public List<String> errLines() {
            return err.lines().toList();
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }
}
