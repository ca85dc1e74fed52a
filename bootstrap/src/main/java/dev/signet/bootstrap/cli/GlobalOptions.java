package dev.signet.bootstrap.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options every command takes (cli.md, "Configuration"). */
final class GlobalOptions {
    @Option(names = "--home", paramLabel = "DIR",
            description = "Signet home folder (embedded database, audit log). Default: $SIGNET_HOME, else ~/.signet")
    Path home;

    @Option(names = "--json", description = "Print one JSON object instead of text.")
    boolean json;

    @Option(names = "--verbose", description = "Print stack traces with errors.")
    boolean verbose;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;
}
