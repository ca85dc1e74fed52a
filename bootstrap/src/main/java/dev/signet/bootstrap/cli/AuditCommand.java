package dev.signet.bootstrap.cli;

import dev.signet.application.port.in.AuditCheckpointUseCase;
import dev.signet.bootstrap.Signet;
import dev.signet.domain.Hex;
import dev.signet.domain.SignetException;
import dev.signet.domain.audit.AuditChainBroken;
import dev.signet.domain.audit.AuditChainVerdict;
import dev.signet.domain.audit.AuditRecord;
import dev.signet.domain.audit.SignedAuditCheckpoint;
import dev.signet.domain.key.Ed25519PublicKey;
import dev.signet.domain.key.KeyId;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(mixinStandardHelpOptions = true, name = "audit", description = "The durable, hash-chained audit trail.",
        subcommands = {AuditCommand.ListRecords.class, AuditCommand.Verify.class, AuditCommand.Checkpoint.class})
final class AuditCommand extends CommandGroup {

    @Command(name = "list", description = "Print audit records in order: position, time, payload (one JSON object).")
    static final class ListRecords extends StoreSubcommand {
        @Option(names = "--type", paramLabel = "TYPE", description = "Only this event type, e.g. verification.failure.")
        String type;

        @Option(names = "--since", paramLabel = "ISO_INSTANT", description = "Only records from this time on, e.g. 2026-11-25T00:00:00Z.")
        Instant since;

        @Override
        public Integer call() {
            try (Signet signet = openSignet()) {
                List<AuditRecord> records = signet.audit().list(Optional.ofNullable(type), Optional.ofNullable(since));
                output().printJsonList(records, r -> r.position() + " " + r.occurredAt() + " " + r.payload(),
                        ListRecords::json);
            }
            return ExitCodes.OK;
        }

        /** The record's payload (a JSON object) with its position and time put first. */
        private static String json(AuditRecord record) {
            String fields = record.payload().strip().substring(1).strip();
            return "{\"position\":" + record.position() + ",\"occurred_at\":\"" + record.occurredAt() + "\""
                    + (fields.startsWith("}") ? "" : ",") + fields;
        }
    }

    @Command(name = "verify", description = {"Check the audit chain: exit 0 when whole, 1 naming the first broken record.",
            "With --checkpoint, also that the chain still holds the record a checkpoint names, and that the checkpoint's",
            "signature verifies."})
    static final class Verify extends StoreSubcommand {
        @Spec
        CommandSpec spec;

        @Option(names = "--checkpoint", paramLabel = "FILE",
                description = "A checkpoint written by `signet audit checkpoint --out`, kept outside the database.")
        Path checkpointFile;

        @Option(names = "--audit-public-key", paramLabel = "FILE",
                description = "With --checkpoint: the audit key's public key (PEM, as `signet key export` writes it), "
                        + "kept outside the database. Default: the stored key the checkpoint names.")
        Path auditPublicKeyFile;

        @Override
        public Integer call() {
            if (auditPublicKeyFile != null && checkpointFile == null) {
                throw new ParameterException(spec.commandLine(), "--audit-public-key needs --checkpoint FILE");
            }
            Optional<Ed25519PublicKey> auditPublicKey = Optional.ofNullable(auditPublicKeyFile).map(file ->
                    cli().components(global).publicKeys().read(KeyFiles.read(file, "audit public key")));
            try (Signet signet = openSignet()) {
                if (checkpointFile == null) {
                    AuditChainVerdict verdict = requireWhole(signet.audit().verify());
                    output().print("audit chain whole: " + verdict.recordsChecked() + " records",
                            new JsonLine().put("whole", true).put("records", verdict.recordsChecked()));
                } else {
                    SignedAuditCheckpoint checkpoint = signet.auditCheckpoints().read(checkpointFile);
                    AuditChainVerdict verdict = requireWhole(
                            signet.auditCheckpoints().verify(checkpoint, auditPublicKey));
                    output().print("audit chain whole: " + verdict.recordsChecked() + " records, holding the "
                            + "checkpoint of record " + checkpoint.position() + " (" + checkpoint.checkpoint().timeText()
                            + ", audit key " + checkpoint.keyFingerprint() + ")",
                            new JsonLine().put("whole", true).put("records", verdict.recordsChecked())
                                    .put("checkpoint_position", checkpoint.position())
                                    .put("checkpoint_time", checkpoint.checkpoint().timeText())
                                    .put("key_fingerprint", checkpoint.keyFingerprint()));
                }
            }
            return ExitCodes.OK;
        }

        private static AuditChainVerdict requireWhole(AuditChainVerdict verdict) {
            if (!verdict.isWhole()) {
                throw new AuditChainBroken(verdict);
            }
            return verdict;
        }
    }

    @Command(name = "checkpoint", description = {"Sign the audit chain's head (position, hash, time) with the audit key,",
            "append the checkpoint to the chain and the audit stream, and write it to FILE as one JSON line.",
            "Keep checkpoints outside the database: `audit verify --checkpoint FILE` then detects a cut or rewritten chain."})
    static final class Checkpoint extends StoreSubcommand {
        static final String AUDIT_KEY_VARIABLE = "SIGNET_AUDIT_KEY";

        @Option(names = "--audit-key", paramLabel = "KEY_ID",
                description = "The signing key (software or HSM) that signs checkpoints. Default: $SIGNET_AUDIT_KEY")
        KeyId auditKey;

        @Option(names = "--out", paramLabel = "FILE", description = "Write the checkpoint there (atomically).")
        Path out;

        @Override
        public Integer call() {
            KeyId key = auditKey();
            try (Signet signet = openSignetWithKek()) { // a software audit key is unwrapped under the KEK
                SignedAuditCheckpoint checkpoint = signet.auditCheckpoints().checkpoint(
                        new AuditCheckpointUseCase.CheckpointCommand(key, signet.securityConfig().keyEncryptionKey(),
                                Optional.ofNullable(out)));
                if (global.json) {
                    // the checkpoint line itself: saved as it is, it is a checkpoint file
                    cli().out().println(signet.auditCheckpoints().encode(checkpoint));
                } else {
                    cli().out().println("checkpoint of audit record " + checkpoint.position() + " (chain hash "
                            + Hex.abbreviate(checkpoint.checkpoint().chainHash()) + ", "
                            + checkpoint.checkpoint().timeText() + ") signed by audit key " + checkpoint.keyId() + " ("
                            + checkpoint.keyFingerprint() + ")" + (out != null ? ": wrote " + out
                                    : "; not written to a file (--out FILE keeps it)"));
                }
            }
            return ExitCodes.OK;
        }

        private KeyId auditKey() {
            if (auditKey != null) {
                return auditKey; // a malformed --audit-key is a usage error, found by its converter
            }
            String id = cli().environment().get(AUDIT_KEY_VARIABLE);
            if (id == null || id.isBlank()) {
                throw new AuditKeyNotConfigured();
            }
            try {
                return KeyId.parse(id);
            } catch (IllegalArgumentException e) {
                throw new CliFailure(AUDIT_KEY_VARIABLE + " must be a key id (a UUID), got '" + id + "'");
            }
        }
    }

    static final class AuditKeyNotConfigured extends SignetException {
        AuditKeyNotConfigured() {
            super("no audit key is configured: give --audit-key KEY_ID or set " + Checkpoint.AUDIT_KEY_VARIABLE
                    + " to the id of a signing key kept for checkpoints (make one with: signet key create --org ORG "
                    + "--name audit-checkpoints)");
        }
    }
}
