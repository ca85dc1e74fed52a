package dev.signet.bootstrap.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** A command that only groups subcommands (org, key, trust, kek, audit): alone it is a usage error. */
abstract class CommandGroup implements Runnable {
    @ParentCommand
    SignetCli cli;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "a subcommand is required");
    }
}
