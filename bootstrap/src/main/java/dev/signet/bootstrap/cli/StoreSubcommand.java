package dev.signet.bootstrap.cli;

import dev.signet.bootstrap.Signet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/**
 * A subcommand of a group (org, key, trust, kek, audit) that works on the key store: it takes the global and
 * the store options, and opens a Signet with them for its one call.
 */
abstract class StoreSubcommand implements Callable<Integer> {
    @ParentCommand
    CommandGroup group;

    @Mixin
    GlobalOptions global;

    @Mixin
    StoreOptions store;

    SignetCli cli() {
        return group.cli;
    }

    /** A Signet over the store the options name; the caller closes it. */
    Signet openSignet() {
        return group.cli.openSignet(global, store);
    }

    /** As {@link #openSignet()}, with the configured KEK: only for commands that wrap or unwrap software keys. */
    Signet openSignetWithKek() {
        return group.cli.openSignetWithKek(global, store);
    }

    /** Where results go, as text or JSON lines as the options say. */
    Output output() {
        return group.cli.output(global);
    }
}
