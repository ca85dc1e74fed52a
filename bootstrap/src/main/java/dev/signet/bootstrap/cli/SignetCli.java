package dev.signet.bootstrap.cli;

import dev.signet.bootstrap.ProcessCaller;
import dev.signet.adapters.persistence.db.Database;
import dev.signet.application.port.in.SecurityConfig;
import dev.signet.application.port.out.AuditTrail;
import dev.signet.bootstrap.KeyEncryptionKeys;
import dev.signet.bootstrap.OfflineComponents;
import dev.signet.bootstrap.SecretFiles;
import dev.signet.bootstrap.Signet;
import dev.signet.domain.key.KeyEncryptionKey;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code signet} command line (contract: docs/cli.md). The subcommands are registered in
 * {@link #run}, not in the annotation: see {@link #SUBCOMMANDS}.
 */
@Command(name = "signet", mixinStandardHelpOptions = true, versionProvider = SignetCli.Version.class,
        description = "Signs and verifies workflow packages with Ed25519, byte-compatible with Cloacina.")
public final class SignetCli implements Runnable {
    /**
     * The subcommands, in the order help lists them. picocli builds the model of every subcommand it
     * is given, by reflection, which was a fifth of the CPU time of {@code signet verify}; so a
     * command line that names one of them gets only that one, and any other (help, --version, a
     * typo, nothing) gets all, for the listing and the suggestions.
     */
    static final List<Class<?>> SUBCOMMANDS = List.of(OrgCommand.class, KeyCommand.class, TrustCommand.class,
            SignCommand.class, VerifyCommand.class, LoadCommand.class, KekCommand.class, AuditCommand.class,
            TokenCommand.class, ServeCommand.class, QuickstartCommand.class, CommandLine.HelpCommand.class);

    private final PrintWriter out;
    private final PrintWriter err;
    private final Map<String, String> environment;
    private OfflineComponents components;
    private AuditTrail auditTrail;

    @Spec
    CommandSpec spec;

    SignetCli(PrintWriter out, PrintWriter err, Map<String, String> environment) {
        this.out = out;
        this.err = err;
        this.environment = environment;
    }

    public static void main(String[] args) {
        CliLogging.useTheCliLogging();
        ProcessCaller.install();
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        if (TerminalHashProgress.wanted(System.getProperties(), System.getenv(), asksForJson(args))) {
            OfflineComponents.showHashProgress(new TerminalHashProgress(System.err));
        }
        System.exit(run(out, err, System.getenv(), args));
    }

    /** Runs one command line and returns its exit code; never throws, never calls System.exit. */
    public static int run(PrintWriter out, PrintWriter err, Map<String, String> environment, String... args) {
        SignetCli cli = new SignetCli(out, err, environment);
        CommandLine commandLine = new CommandLine(cli);
        subcommandsFor(args).forEach(commandLine::addSubcommand);
        // after the subcommands: picocli gives converters to the subcommands added so far
        OptionValues.registerOn(commandLine);
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setParameterExceptionHandler((e, arguments) -> {
            String message = ExitCodes.oneLine(e.getMessage() + " (see: signet "
                    + qualifiedName(e.getCommandLine()) + "--help)");
            err.println("UsageError: " + message);
            if (asksForJson(arguments)) {
                // the command line did not parse, so what it asked for is read from the words themselves
                out.println(ExitCodes.json("UsageError", message, ExitCodes.USAGE));
            }
            return ExitCodes.USAGE;
        });
        commandLine.setExecutionExceptionHandler((e, command, parseResult) -> {
            err.println(ExitCodes.describe(e));
            if (isVerbose(parseResult)) {
                e.printStackTrace(err);
            }
            if (leaf(parseResult).hasMatchedOption("--json")) {
                out.println(ExitCodes.json(e));
            }
            return ExitCodes.of(e);
        });
        int code = commandLine.execute(args);
        cli.closeAuditTrail();
        out.flush();
        err.flush();
        return code;
    }

    static List<Class<?>> subcommandsFor(String... args) {
        if (args.length > 0 && !args[0].equals("help")) {
            for (Class<?> subcommand : SUBCOMMANDS) {
                if (subcommand.getAnnotation(Command.class).name().equals(args[0])) {
                    return List.of(subcommand);
                }
            }
        }
        return SUBCOMMANDS;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
    }

    PrintWriter out() {
        return out;
    }

    Output output(GlobalOptions options) {
        return new Output(out, options.json);
    }

    Map<String, String> environment() {
        return environment;
    }

    /**
     * Opens the key store the options and environment name (flags beat variables beat defaults), without a KEK:
     * a command that never unwraps a key never reads the KEK's file or variable.
     */
    Signet openSignet(GlobalOptions options, StoreOptions store) {
        return openSignet(options, store, SecurityConfig.builder().build());
    }

    /** As above, with the configured KEK, for the commands that unwrap or wrap software keys. */
    Signet openSignetWithKek(GlobalOptions options, StoreOptions store) {
        return openSignetWithKek(options, store, Optional.empty(), true);
    }

    /**
     * For serve: with the KEK, every signature of a stored key timestamped by this TSA (serve --tsa-url), and the
     * database set up for a long-running process (every mapper parsed at open, no lock per statement).
     */
    Signet openSignetToServe(GlobalOptions options, StoreOptions store, Optional<java.net.URI> tsaUrl) {
        return openSignetWithKek(options, store, tsaUrl, false);
    }

    private Signet openSignetWithKek(GlobalOptions options, StoreOptions store, Optional<java.net.URI> tsaUrl,
            boolean forOneCommand) {
        // The KEK is read for this Signet alone, so the Signet wipes it when the command closes it.
        Optional<KeyEncryptionKey> kek = KeyEncryptionKeys.resolve(store.kekFile, store.kekTokenLabel,
                allowInsecureSecretFiles(store), environment);
        try {
            return openSignet(options, store, SecurityConfig.builder().keyEncryptionKey(kek.orElse(null))
                    .tsaUrl(tsaUrl.orElse(null)).build(), true, forOneCommand);
        } catch (RuntimeException | Error e) {
            kek.ifPresent(KeyEncryptionKey::close);
            throw e;
        }
    }

    /** With a SecurityConfig whose KEK the caller keeps and wipes. */
    Signet openSignet(GlobalOptions options, StoreOptions store, SecurityConfig config) {
        return openSignet(options, store, config, false, true);
    }

    private Signet openSignet(GlobalOptions options, StoreOptions store, SecurityConfig config, boolean wipeKek,
            boolean forOneCommand) {
        prepareHome(options);
        String url = firstOf(store.dbUrl, environment.get("SIGNET_DB_URL"));
        Signet.Builder builder = Signet.builder().securityConfig(config).auditTrail(auditTrail);
        if (wipeKek) {
            builder.wipeKeyEncryptionKeyOnClose();
        }
        if (forOneCommand) {
            builder.forOneCommand();
        }
        if (url != null) {
            builder.jdbcUrl(url, firstOf(store.dbUser, environment.get("SIGNET_DB_USER")),
                    firstOf(store.dbPassword, environment.get("SIGNET_DB_PASSWORD")));
        } else {
            builder.embedded(SignetHome.resolve(options.home, environment), embeddedWait(store));
        }
        builder.stagingFolder(SignetHome.resolve(options.home, environment)); // the loading gate's copies
        Pkcs11Settings.resolve(store, environment).ifPresent(hsm -> {
            try {
                builder.pkcs11(hsm.library(), hsm.token(), hsm.pin(), Pkcs11Settings.SESSIONS);
            } finally {
                hsm.wipe();
            }
        });
        return builder.build();
    }

    /** --db-wait, else SIGNET_DB_WAIT, else 60 s. */
    private Duration embeddedWait(StoreOptions store) {
        if (store.dbWait != null) {
            return store.dbWait;
        }
        String variable = environment.get("SIGNET_DB_WAIT");
        if (variable == null || variable.isBlank()) {
            return Database.DEFAULT_EMBEDDED_WAIT;
        }
        return OptionValues.Seconds.seconds(variable).orElseThrow(() -> new CliFailure(
                "SIGNET_DB_WAIT must be a whole number of seconds (0 or more), got '" + variable + "'"));
    }

    /** --allow-insecure-secret-files, else SIGNET_ALLOW_INSECURE_SECRET_FILES. */
    boolean allowInsecureSecretFiles(StoreOptions store) {
        return store.allowInsecureSecretFiles || SecretFiles.insecureAllowedBy(environment);
    }

    private static String firstOf(String flag, String environmentValue) {
        return flag != null ? flag : environmentValue == null || environmentValue.isBlank() ? null : environmentValue;
    }

    /** Built on first use, after the home folder is known, because audit logging writes there. */
    OfflineComponents components(GlobalOptions options) {
        if (components == null) {
            prepareHome(options);
            components = new OfflineComponents(auditTrail, Clock.systemUTC());
        }
        return components;
    }

    private void prepareHome(GlobalOptions options) {
        Path home = SignetHome.resolve(options.home, environment);
        try {
            SignetHome.ensureExists(home);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create Signet home " + home + ": " + e.getMessage(), e);
        }
        CliLogging.configure(home);
        if (auditTrail == null) {
            auditTrail = CliLogging.auditTrail(home);
        }
    }

    private void closeAuditTrail() {
        if (auditTrail instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                // the events are written (each line in one write); closing the file only lets go of it
            }
        }
    }

    private static String qualifiedName(CommandLine commandLine) {
        String name = commandLine.getCommandSpec().qualifiedName();
        String sub = name.startsWith("signet") ? name.substring("signet".length()).strip() : name;
        return sub.isEmpty() ? "" : sub + " ";
    }

    private static boolean isVerbose(CommandLine.ParseResult parseResult) {
        return leaf(parseResult).hasMatchedOption("--verbose");
    }

    private static CommandLine.ParseResult leaf(CommandLine.ParseResult parseResult) {
        CommandLine.ParseResult leaf = parseResult;
        while (leaf.hasSubcommand()) {
            leaf = leaf.subcommand();
        }
        return leaf;
    }

    /** {@code --json} among the options, i.e. before a {@code --} that ends them. */
    private static boolean asksForJson(String... args) {
        for (String arg : args) {
            if (arg.equals("--")) {
                return false;
            } else if (arg.equals("--json")) {
                return true;
            }
        }
        return false;
    }

    /** The version and the git commit the build recorded in version.properties (bootstrap's pom.xml). */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            java.util.Properties build = new java.util.Properties();
            try (java.io.InputStream in = SignetCli.class.getResourceAsStream("version.properties")) {
                if (in != null) {
                    build.load(in);
                }
            }
            return new String[] {"signet " + build.getProperty("version", "development build")
                    + " (commit " + build.getProperty("commit", "unknown") + ")"};
        }
    }
}
