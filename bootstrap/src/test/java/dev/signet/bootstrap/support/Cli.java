package dev.signet.bootstrap.support;

import dev.signet.bootstrap.cli.SignetCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Runs the real {@code signet} command line in this JVM and captures what it prints. */
public final class Cli {
    private final Map<String, String> environment;

    public Cli(Path home) {
        this(home, Map.of());
    }

    /** The CLI with SIGNET_HOME set to {@code home} plus the given environment variables. */
    public Cli(Path home, Map<String, String> environment) {
        Map<String, String> all = new java.util.HashMap<>(environment);
        all.put("SIGNET_HOME", home.toString());
        this.environment = Map.copyOf(all);
    }

    public Result run(Object... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] arguments = java.util.Arrays.stream(args).map(String::valueOf).toArray(String[]::new);
        int code = SignetCli.run(new PrintWriter(out, true), new PrintWriter(err, true),
                environment, arguments);
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
