package dev.signet.bootstrap.cli;

import dev.signet.bootstrap.Signet;
import dev.signet.domain.organization.Organization;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(mixinStandardHelpOptions = true, name = "org", description = "Create and list organizations.", subcommands = {OrgCommand.Create.class,
        OrgCommand.ListOrgs.class})
final class OrgCommand extends CommandGroup {

    static JsonLine json(Organization organization) {
        return new JsonLine().put("id", organization.id()).put("name", organization.name())
                .put("created_at", organization.createdAt());
    }

    @Command(name = "create", description = "Create an organization; prints its id.")
    static final class Create implements Callable<Integer> {
        @ParentCommand
        OrgCommand parent;

        @Mixin
        GlobalOptions global;

        @Mixin
        StoreOptions store;

        @Parameters(paramLabel = "NAME", description = "A unique name, at most 200 characters.")
        String name;

        @Override
        public Integer call() {
            try (Signet signet = parent.cli.openSignet(global, store)) {
                Organization organization = signet.keyManager().createOrganization(name);
                parent.cli.output(global).print(organization.id().toString(), json(organization));
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "list", description = "List organizations: id and name.")
    static final class ListOrgs implements Callable<Integer> {
        @ParentCommand
        OrgCommand parent;

        @Mixin
        GlobalOptions global;

        @Mixin
        StoreOptions store;

        @Override
        public Integer call() {
            try (Signet signet = parent.cli.openSignet(global, store)) {
                parent.cli.output(global).printList(signet.keyManager().listOrganizations(),
                        org -> org.id() + " " + org.name(), OrgCommand::json);
            }
            return ExitCodes.OK;
        }
    }
}
