package dev.signet.bootstrap.cli;

import dev.signet.bootstrap.OfflineComponents;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The {@code signet} command line (contract: docs/cli.md). */
@Command(name = "signet", mixinStandardHelpOptions = true, versionProvider = SignetCli.Version.class,
        description = "Signs and verifies workflow packages with Ed25519, byte-compatible with Cloacina.",
        subcommands = {SignCommand.class, VerifyCommand.class, QuickstartCommand.class,
                CommandLine.HelpCommand.class})
public final class SignetCli implements Runnable {
    private final PrintWriter out;
    private final PrintWriter err;
    private final Map<String, String> environment;
    private OfflineComponents components;

    @Spec
    CommandSpec spec;

    SignetCli(PrintWriter out, PrintWriter err, Map<String, String> environment) {
        this.out = out;
        this.err = err;
        this.environment = environment;
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        System.exit(run(out, err, System.getenv(), args));
    }

    /** Runs one command line and returns its exit code; never throws, never calls System.exit. */
    public static int run(PrintWriter out, PrintWriter err, Map<String, String> environment, String... args) {
        SignetCli cli = new SignetCli(out, err, environment);
        CommandLine commandLine = new CommandLine(cli);
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setParameterExceptionHandler((e, arguments) -> {
            err.println("UsageError: " + e.getMessage() + " (see: signet "
                    + qualifiedName(e.getCommandLine()) + "--help)");
            return ExitCodes.USAGE;
        });
        commandLine.setExecutionExceptionHandler((e, command, parseResult) -> {
            err.println(ExitCodes.describe(e));
            if (isVerbose(parseResult)) {
                e.printStackTrace(err);
            }
            return ExitCodes.of(e);
        });
        int code = commandLine.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
    }

    PrintWriter out() {
        return out;
    }

    /** Built on first use, after the home folder is known, because audit logging writes there. */
    OfflineComponents components(GlobalOptions options) {
        if (components == null) {
            Path home = SignetHome.resolve(options.home, environment);
            try {
                SignetHome.ensureExists(home);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create Signet home " + home + ": " + e.getMessage(), e);
            }
            CliLogging.configure(home);
            components = new OfflineComponents();
        }
        return components;
    }

    private static String qualifiedName(CommandLine commandLine) {
        String name = commandLine.getCommandSpec().qualifiedName();
        String sub = name.startsWith("signet") ? name.substring("signet".length()).strip() : name;
        return sub.isEmpty() ? "" : sub + " ";
    }

    private static boolean isVerbose(CommandLine.ParseResult parseResult) {
        CommandLine.ParseResult leaf = parseResult;
        while (leaf.hasSubcommand()) {
            leaf = leaf.subcommand();
        }
        return leaf.hasMatchedOption("--verbose");
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = SignetCli.class.getPackage().getImplementationVersion();
            return new String[] {"signet " + (version == null ? "development build" : version)};
        }
    }
}
