package dev.signet.bootstrap.cli;

import dev.signet.bootstrap.Signet;
import dev.signet.domain.time.TrustedTsa;
import dev.signet.domain.time.TrustedTsaId;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code signet trust tsa add|list|revoke}: the RFC 3161 TSAs whose timestamps an organization trusts. */
@Command(mixinStandardHelpOptions = true, name = "tsa",
        description = "Time-stamping authorities (RFC 3161) whose timestamps an organization trusts, inherited through grants.",
        subcommands = {TsaTrustCommand.Add.class, TsaTrustCommand.ListTsas.class, TsaTrustCommand.Revoke.class})
final class TsaTrustCommand implements Runnable {
    @ParentCommand
    TrustCommand trust;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "a subcommand is required");
    }

    /** As StoreSubcommand, one level deeper: the global and store options, a Signet for one call. */
    abstract static class TsaSubcommand implements Callable<Integer> {
        @ParentCommand
        TsaTrustCommand group;

        @Mixin
        GlobalOptions global;

        @Mixin
        StoreOptions store;

        Signet openSignet() {
            return group.trust.cli.openSignet(global, store);
        }

        Output output() {
            return group.trust.cli.output(global);
        }
    }

    static JsonLine json(TrustedTsa tsa) {
        return new JsonLine().put("id", tsa.id()).put("org_id", tsa.organizationId())
                .put("subject", tsa.certificate().subject()).put("label", tsa.label().orElse(""))
                .put("added_at", tsa.addedAt()).put("revoked_at", tsa.revokedAt().map(Object::toString).orElse(""));
    }

    private static String text(TrustedTsa tsa) {
        return "tsa " + tsa.id() + " \"" + tsa.certificate().subject() + "\""
                + tsa.label().map(l -> " label \"" + l + "\"").orElse("")
                + tsa.revokedAt().map(at -> " revoked " + at).orElse("");
    }

    @Command(name = "add", description = "Trust a TSA certificate (PEM or DER; the TSA's own or its CA's); prints its id.")
    static final class Add extends TsaSubcommand {
        @Option(names = "--org", paramLabel = "ORG", required = true, description = "Organization id or name.")
        String org;

        @Option(names = "--pem", paramLabel = "CERT", required = true, description = "The certificate file.")
        Path pem;

        @Option(names = "--label", paramLabel = "LABEL", description = "A name for people, e.g. \"Corporate TSA\".")
        String label;

        @Override
        public Integer call() {
            byte[] certificate = KeyFiles.read(pem, "TSA certificate");
            try (Signet signet = openSignet()) {
                TrustedTsa tsa;
                try {
                    tsa = signet.tsaTrust().trustTsa(signet.keyManager().organization(org).id(), certificate,
                            Optional.ofNullable(label));
                } catch (IllegalArgumentException e) {
                    throw new CliFailure("--pem " + pem + ": " + e.getMessage());
                }
                output().print(tsa.id().toString(), json(tsa));
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "list", description = "List an organization's trusted TSAs, revoked ones included.")
    static final class ListTsas extends TsaSubcommand {
        @Option(names = "--org", paramLabel = "ORG", required = true, description = "Organization id or name.")
        String org;

        @Override
        public Integer call() {
            try (Signet signet = openSignet()) {
                List<TrustedTsa> tsas = signet.tsaTrust().listTsas(signet.keyManager().organization(org).id());
                output().printList(tsas, TsaTrustCommand::text, TsaTrustCommand::json);
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "revoke", description = "Stop trusting a TSA: its timestamps no longer count as trusted time.")
    static final class Revoke extends TsaSubcommand {
        @Parameters(paramLabel = "TSA_ID")
        TrustedTsaId id;

        @Override
        public Integer call() {
            try (Signet signet = openSignet()) {
                TrustedTsa tsa = signet.tsaTrust().revokeTsa(id);
                output().print("revoked tsa " + tsa.id(), json(tsa));
            }
            return ExitCodes.OK;
        }
    }
}
