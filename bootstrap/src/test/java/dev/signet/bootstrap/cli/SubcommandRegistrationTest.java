package dev.signet.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.bootstrap.support.Cli;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.Command;

/**
 * SignetCli gives picocli only the subcommand a command line names (start-up time); every other
 * command line must still see all of them, in help and in usage errors.
 */
class SubcommandRegistrationTest {
    private static final List<String> NAMES = List.of("org", "key", "trust", "sign", "verify", "load", "kek",
            "audit", "token", "serve", "quickstart", "help");

    @TempDir
    Path dir;

    @Test
    void aCommandLineThatNamesASubcommandGetsOnlyThatOne() {
        for (Class<?> subcommand : SignetCli.SUBCOMMANDS) {
            String name = subcommand.getAnnotation(Command.class).name();
            if (!name.equals("help")) {
                assertThat(SignetCli.subcommandsFor(name, "--help")).containsExactly(subcommand);
            }
        }
        assertThat(SignetCli.SUBCOMMANDS).extracting(c -> c.getAnnotation(Command.class).name())
                .containsExactlyElementsOf(NAMES);
    }

    @Test
    void helpVersionTyposAndNothingGetThemAll() {
        for (String[] args : List.of(new String[0], new String[] {"help", "verify"}, new String[] {"--help"},
                new String[] {"--version"}, new String[] {"verfy"}, new String[] {"--home", "x", "verify"})) {
            assertThat(SignetCli.subcommandsFor(args)).isEqualTo(SignetCli.SUBCOMMANDS);
        }
    }

    @Test
    void topLevelHelpStillListsEverySubcommandAndHelpOfOneStillWorks() {
        Cli cli = new Cli(dir.resolve("home"));
        Cli.Result help = cli.run("--help");
        assertThat(help.exitCode()).isZero();
        for (String name : NAMES) {
            assertThat(help.out()).containsPattern("(?m)^  " + name + " ");
        }
        Cli.Result helpVerify = cli.run("help", "verify");
        assertThat(helpVerify.exitCode()).isZero();
        assertThat(helpVerify.out()).startsWith("Usage: signet verify ");
        Cli.Result typo = cli.run("verfy");
        assertThat(typo.exitCode()).isEqualTo(2);
        assertThat(typo.err()).startsWith("UsageError: Unmatched argument at index 0: 'verfy'");
    }
}
