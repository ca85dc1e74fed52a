package dev.signet.bootstrap.cli;

import dev.signet.bootstrap.Signet;
import dev.signet.domain.SignetException;
import dev.signet.domain.audit.AuditChainVerdict;
import dev.signet.domain.audit.AuditRecord;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(mixinStandardHelpOptions = true, name = "audit", description = "The durable, hash-chained audit trail.",
        subcommands = {AuditCommand.ListRecords.class, AuditCommand.Verify.class})
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

    @Command(name = "verify", description = "Check the audit chain: exit 0 when whole, 1 naming the first broken record.")
    static final class Verify extends StoreSubcommand {
        @Override
        public Integer call() {
            try (Signet signet = openSignet()) {
                AuditChainVerdict verdict = signet.audit().verify();
                if (!verdict.isWhole()) {
                    throw new AuditChainBroken(verdict);
                }
                output().print("audit chain whole: " + verdict.recordsChecked() + " records",
                        new JsonLine().put("whole", true).put("records", verdict.recordsChecked()));
            }
            return ExitCodes.OK;
        }
    }

    static final class AuditChainBroken extends SignetException {
        AuditChainBroken(AuditChainVerdict verdict) {
            super("broken at record " + verdict.brokenAt().orElseThrow() + ": " + verdict.reason().orElse("")
                    + " (" + verdict.recordsChecked() + " records before it are whole)");
        }
    }
}
