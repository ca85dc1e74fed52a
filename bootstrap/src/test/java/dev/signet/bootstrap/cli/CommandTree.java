package dev.signet.bootstrap.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import picocli.CommandLine;

/**
 * The commands of {@code signet} as picocli's model has them, so that a test over "every command" covers a
 * command added later without anyone typing it in.
 */
final class CommandTree {
    private CommandTree() {
    }

    /** The qualified names of the commands picocli would run, e.g. "org create", "sign", "help". */
    static Set<String> leafCommands() {
        CommandLine root = new CommandLine(new SignetCli(new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter()), Map.of()));
        SignetCli.SUBCOMMANDS.forEach(root::addSubcommand);
        Set<String> leaves = new TreeSet<>();
        collectLeaves(root, leaves);
        return leaves;
    }

    private static void collectLeaves(CommandLine command, Set<String> leaves) {
        if (command.getSubcommands().isEmpty()) {
            leaves.add(command.getCommandSpec().qualifiedName().replaceFirst("^signet ", ""));
        }
        // each subcommand once, although picocli lists it under its aliases too
        command.getSubcommands().values().stream().distinct().forEach(sub -> collectLeaves(sub, leaves));
    }
}
