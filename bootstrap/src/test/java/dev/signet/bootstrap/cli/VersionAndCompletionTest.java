package dev.signet.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.bootstrap.support.Cli;
import dev.signet.bootstrap.support.Processes;
import java.io.File;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;
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

    /**
     * In a fresh JVM, as the launcher runs it, without the tests' logback-test.xml: stdout and stderr together are
     * the version line and nothing else. On Java 21 and later System.exit logs a DEBUG record through
     * System.Logger, which logback's default configuration printed with a stack trace on stdout.
     */
    @Test
    void versionPrintsOnlyTheVersionLineInAFreshJvm() {
        String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.contains("test-classes")).collect(Collectors.joining(File.pathSeparator));
        Processes.Result result = Processes.run(dir, Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classPath, SignetCli.class.getName(), "--version");

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).matches("signet [0-9][^ ]* \\(commit [^)]+\\)\n");
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
