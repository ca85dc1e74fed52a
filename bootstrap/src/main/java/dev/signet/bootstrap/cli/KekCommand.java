package dev.signet.bootstrap.cli;

import dev.signet.bootstrap.KeyEncryptionKeys;
import dev.signet.bootstrap.Signet;
import dev.signet.domain.key.KeyEncryptionKey;
import dev.signet.domain.key.KeyEncryptionKeyRequired;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(mixinStandardHelpOptions = true, name = "kek", description = "The key-encryption key that wraps software private keys.",
        subcommands = KekCommand.Rotate.class)
final class KekCommand extends CommandGroup {

    @Command(name = "rotate", description = {"Re-wrap every software key under a new key-encryption key, all or nothing.",
            "The current KEK comes from --kek-file or the environment; rerun it if it was interrupted."})
    static final class Rotate implements Callable<Integer> {
        @ParentCommand
        KekCommand parent;

        @Mixin
        GlobalOptions global;

        @Mixin
        StoreOptions store;

        @Option(names = "--new-kek-file", paramLabel = "FILE", required = true,
                description = "The new key-encryption key (64 hex characters or base64).")
        Path newKekFile;

        @Override
        public Integer call() {
            try (KeyEncryptionKey current = KeyEncryptionKeys.resolve(store.kekFile, parent.cli.environment())
                    .orElseThrow(() -> new KeyEncryptionKeyRequired("kek rotate (for the current KEK)"));
                    KeyEncryptionKey next = KeyEncryptionKeys.fromFile(newKekFile);
                    Signet signet = parent.cli.openSignet(global, store)) {
                int moved = signet.keyManager().rotateKeyEncryptionKey(current, next);
                parent.cli.output(global).print("re-wrapped " + moved + " software keys from KEK " + current.id()
                        + " to KEK " + next.id(), new JsonLine().put("rewrapped", moved)
                                .put("from_kek_id", current.id()).put("to_kek_id", next.id()));
            }
            return ExitCodes.OK;
        }
    }
}
