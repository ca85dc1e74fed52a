package dev.signet.bootstrap.cli;

import dev.signet.bootstrap.Signet;
import dev.signet.domain.organization.Organization;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(mixinStandardHelpOptions = true, name = "org", description = "Create and list organizations.", subcommands = {OrgCommand.Create.class,
        OrgCommand.ListOrgs.class})
final class OrgCommand extends CommandGroup {

    static JsonLine json(Organization organization) {
        return new JsonLine().put("id", organization.id()).put("name", organization.name())
                .put("created_at", organization.createdAt());
    }

    @Command(name = "create", description = "Create an organization; prints its id.")
    static final class Create extends StoreSubcommand {
        @Parameters(paramLabel = "NAME", description = "A unique name, at most 200 characters.")
        String name;

        @Override
        public Integer call() {
            try (Signet signet = openSignet()) {
                Organization organization = signet.keyManager().createOrganization(name);
                output().print(organization.id().toString(), json(organization));
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "list", description = "List organizations: id and name.")
    static final class ListOrgs extends StoreSubcommand {
        @Override
        public Integer call() {
            try (Signet signet = openSignet()) {
                output().printList(signet.keyManager().listOrganizations(),
                        org -> org.id() + " " + org.name(), OrgCommand::json);
            }
            return ExitCodes.OK;
        }
    }
}
