package dev.signet.bootstrap.cli;

import dev.signet.bootstrap.KeyEncryptionKeys;
import dev.signet.bootstrap.Signet;
import dev.signet.domain.key.KeyEncryptionKey;
import dev.signet.domain.key.KeyEncryptionKeyRequired;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(mixinStandardHelpOptions = true, name = "kek", description = "The key-encryption key that wraps software private keys.",
        subcommands = {KekCommand.Create.class, KekCommand.Rotate.class})
final class KekCommand extends CommandGroup {

    @Command(name = "create", description = {"Generate a key-encryption key inside the PKCS#11 token (AES-256,",
            "sensitive, non-extractable): wrapping then runs in the HSM and the KEK never exists in memory."})
    static final class Create extends StoreSubcommand {
        @Option(names = "--pkcs11-label", paramLabel = "LABEL", required = true, description = "The new key's CKA_LABEL.")
        String label;

        @Override
        public Integer call() {
            try (Signet signet = openSignet()) {
                KeyEncryptionKey kek = signet.createKeyEncryptionKeyInToken(label);
                output().print("created KEK " + kek.id() + " in the token as '" + label + "'",
                        new JsonLine().put("kek_id", kek.id()).put("pkcs11_label", label));
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "rotate", description = {"Re-wrap every software key under a new key-encryption key, all or nothing.",
            "The current KEK comes from --kek-file, --kek-pkcs11-label or the environment;",
            "the new one is a file (run-time KEK) or a label (KEK in the token). Rerun it if it was interrupted.",
            "A store whose keys are under several KEKs is repaired by naming the others with --old-kek-file",
            "or --old-kek-pkcs11-label: afterwards every key, and every new one, is under the new KEK."})
    static final class Rotate extends StoreSubcommand {
        @ArgGroup(exclusive = true, multiplicity = "1")
        NewKek newKek;

        @Option(names = "--old-kek-file", paramLabel = "FILE",
                description = "Another KEK some keys are wrapped under (repeatable), besides the current one.")
        List<Path> oldKekFiles = new ArrayList<>();

        @Option(names = "--old-kek-pkcs11-label", paramLabel = "LABEL",
                description = "Another KEK some keys are wrapped under, kept in the PKCS#11 token (repeatable).")
        List<String> oldKekTokenLabels = new ArrayList<>();

        static final class NewKek {
            @Option(names = "--new-kek-file", paramLabel = "FILE",
                    description = "The new key-encryption key (64 hex characters or base64).")
            Path file;

            @Option(names = "--new-kek-pkcs11-label", paramLabel = "LABEL",
                    description = "The new key-encryption key, kept in the PKCS#11 token (see: signet kek create).")
            String tokenLabel;
        }

        @Override
        public Integer call() {
            boolean insecureAllowed = cli().allowInsecureSecretFiles(store);
            List<KeyEncryptionKey> old = new ArrayList<>();
            try {
                KeyEncryptionKeys.resolve(store.kekFile, store.kekTokenLabel, insecureAllowed, cli().environment())
                        .ifPresent(old::add);
                for (Path file : oldKekFiles) {
                    old.add(KeyEncryptionKeys.fromFile(file, insecureAllowed));
                }
                oldKekTokenLabels.forEach(label -> old.add(KeyEncryptionKey.inToken(label)));
                if (old.isEmpty()) {
                    throw new KeyEncryptionKeyRequired("kek rotate (for the current KEK)");
                }
                try (KeyEncryptionKey next = newKek.file != null ? KeyEncryptionKeys.fromFile(newKek.file, insecureAllowed)
                        : KeyEncryptionKey.inToken(newKek.tokenLabel); Signet signet = openSignet()) {
                    int moved = signet.keyManager().rotateKeyEncryptionKey(old, next);
                    String from = old.stream().map(kek -> kek.id().value()).distinct().collect(Collectors.joining(","));
                    output().print("re-wrapped " + moved + " software keys from KEK " + from + " to KEK " + next.id(),
                            new JsonLine().put("rewrapped", moved).put("from_kek_id", from).put("to_kek_id", next.id()));
                }
            } finally {
                old.forEach(KeyEncryptionKey::close);
            }
            return ExitCodes.OK;
        }
    }
}
