package dev.signet.bootstrap.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import picocli.AutoComplete;
import picocli.CommandLine;

/**
 * Prints the bash completion script of the whole command tree, from the same picocli model the CLI runs
 * (SignetCli's subcommands are added in code, so picocli.AutoComplete's own main, which reads
 * annotations, would miss them). Run at package time for the release archive; not a command of the
 * product: {@code java -cp signet.jar dev.signet.bootstrap.cli.Completion > signet.bash}.
 */
public final class Completion {
    private Completion() {
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, false, StandardCharsets.UTF_8);
        out.print(bashScript());
        out.flush();
    }

    static String bashScript() {
        PrintWriter none = new PrintWriter(PrintWriter.nullWriter());
        CommandLine commandLine = new CommandLine(new SignetCli(none, none, Map.of()));
        SignetCli.SUBCOMMANDS.forEach(commandLine::addSubcommand);
        return AutoComplete.bash("signet", commandLine);
    }
}
