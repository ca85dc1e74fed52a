package dev.signet.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.bootstrap.support.Cli;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.Command;

class VersionAndCompletionTest {
    @TempDir
    Path dir;

    @Test
    void versionNamesTheBuildsVersionAndCommit() {
        Cli.Result version = new Cli(dir.resolve("home")).run("--version");
        assertThat(version.exitCode()).isZero();
        assertThat(version.out().strip())
                .matches("signet [0-9][^ ]* \\(commit ([0-9a-f]{12}(-dirty)?|unknown)\\)")
                .doesNotContain("development build");
    }

    @Test
    void theBashCompletionKnowsEveryCommandAndItsOptions() {
        String script = Completion.bashScript();
        assertThat(script).contains("complete -F _complete_signet");
        for (Class<?> subcommand : SignetCli.SUBCOMMANDS) {
            assertThat(script).contains(subcommand.getAnnotation(Command.class).name());
        }
        assertThat(script).contains("--public-key", "--private-key", "--org", "--json");
    }
}
