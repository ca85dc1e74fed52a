package dev.signet.bootstrap.cli;

import dev.signet.domain.revocation.RevocationReason;
import java.time.Instant;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code --reason retired|compromised [--effective TIME]}, as {@code trust revoke} and {@code key revoke} take them. */
final class RevocationOptions {
    @Option(names = "--reason", paramLabel = "REASON", defaultValue = "compromised",
            description = "retired (rotated out: signatures timestamped before now keep verifying) or compromised "
                    + "(the default: only signatures timestamped before --effective keep verifying).")
    RevocationReason reason;

    @Option(names = "--effective", paramLabel = "TIME",
            description = "Compromised only: from when on the key counts as compromised, an ISO-8601 instant, "
                    + "now or earlier. Default: now.")
    Instant effective;

    /** A retirement takes effect when it is recorded: an --effective with it is a usage error (exit 2). */
    void validate(CommandSpec spec) {
        if (reason == RevocationReason.RETIRED && effective != null) {
            throw new ParameterException(spec.commandLine(), "--effective is for --reason compromised only: a"
                    + " retirement takes effect when it is recorded (to fail the key's signatures from an earlier"
                    + " time, use --reason compromised --effective TIME)");
        }
    }

    /** e.g. {@code retired, effective 2026-...}. */
    static String describe(java.util.Optional<dev.signet.domain.revocation.Revocation> revocation) {
        return revocation.map(r -> " (" + r.describe() + ")").orElse("");
    }
}
