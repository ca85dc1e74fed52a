package dev.signet.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.bootstrap.support.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every typed option value of cli.md that does not parse (instants, UUIDs, fingerprints and hex keys, enums,
 * numbers, paths) is a usage error: exit 2, one line on stderr naming the option, and nothing touched, not
 * even the home folder, because it is found while the command line is parsed.
 */
class MalformedOptionValuesCliTest {
    private static final String UUID = "0b6c3f0e-7d1a-4c9e-9f0a-1b2c3d4e5f60";
    private static final String FINGERPRINT = "ab".repeat(32);

    @TempDir
    Path dir;

    static Stream<Arguments> malformedValues() {
        return Stream.of(
                malformed("--since", "audit", "list", "--since", "yesterday"),
                malformed("--since", "audit", "list", "--since", "2026-11-25"),
                malformed("KEY_ID", "key", "export", "not-a-uuid"),
                malformed("KEY_ID", "key", "revoke", "12345"),
                malformed("--key", "sign", "plugin.so", "--key", "release-key"),
                malformed("--audit-key", "audit", "checkpoint", "--audit-key", "audit-key"),
                malformed("TRUSTED_KEY_ID", "trust", "revoke", "not-a-uuid"),
                malformed("FINGERPRINT", "trust", "explain", "--org", "acme", "abcd"),
                malformed("FINGERPRINT", "trust", "explain", "--org", "acme", "zz".repeat(32)),
                malformed("--hex", "trust", "add", "--org", "acme", "--hex", "abc"),
                malformed("--hex", "trust", "add", "--org", "acme", "--hex", "g".repeat(64)),
                malformed("--backend", "key", "create", "--org", "acme", "--name", "k", "--backend", "cloud"),
                malformed("--source", "verify", "plugin.so", "--org", "acme", "--source", "network"),
                malformed("--db-wait", "org", "list", "--db-wait", "soon"),
                malformed("--db-wait", "org", "list", "--db-wait", "-5"),
                malformed("--db-wait", "org", "list", "--db-wait", "1.5"),
                malformed("--home", "org", "list", "--home", "a\u0000b"),
                malformed("--out", "sign", "plugin.so", "--key", UUID, "--out", "x\u0000.sig"),
                malformed("--public-key", "verify", "plugin.so", "--public-key", "k\u0000.pem"),
                malformed("PACKAGE", "verify", "p\u0000.so", "--public-key", "k.pem"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("malformedValues")
    void a_malformed_option_value_is_a_usage_error_found_before_anything_is_touched(String option, String commandLine,
            List<String> args) {
        Path home = dir.resolve("home");
        Cli.Result result = new Cli(home, Map.of()).run(args.toArray());

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.errLines()).as(result.toString()).singleElement().asString()
                .startsWith("UsageError: ").contains(option).doesNotContain("Exception");
        assertThat(result.out()).as(result.toString()).isEmpty();
        assertThat(Files.exists(home)).as("the home folder is not even created").isFalse();
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("wellFormedValues")
    void a_well_formed_value_of_the_same_options_is_not_a_usage_error(String option, String commandLine,
            List<String> args) {
        Cli.Result result = new Cli(dir.resolve("home"), Map.of()).run(args.toArray());

        assertThat(result.exitCode()).as(result.toString()).isNotEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).as(result.toString()).doesNotStartWith("UsageError");
    }

    static Stream<Arguments> wellFormedValues() {
        return Stream.of(
                malformed("--since", "audit", "list", "--since", "2026-11-25T00:00:00Z"),
                malformed("KEY_ID", "key", "export", UUID),
                malformed("TRUSTED_KEY_ID", "trust", "revoke", UUID),
                malformed("FINGERPRINT", "trust", "explain", "--org", "acme", FINGERPRINT.toUpperCase()),
                malformed("--hex", "trust", "add", "--org", "acme", "--hex", FINGERPRINT),
                malformed("--db-wait", "org", "list", "--db-wait", "0"));
    }

    private static Arguments malformed(String option, String... args) {
        return Arguments.of(option, String.join(" ", args).replace("\u0000", "\\0"), List.of(args));
    }
}
