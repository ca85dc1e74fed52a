package dev.signet.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.bootstrap.support.Cli;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QuickstartTest {
    @TempDir
    Path dir;

    @Test
    void quickstart_signs_verifies_and_shows_a_tampered_package_rejected() {
        Cli.Result result = new Cli(dir.resolve("home")).run("quickstart");
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).contains("1. Create an organization", "\"algorithm\": \"ed25519\"",
                "verified offline: signed by", "verified against acme's trust", "rejected as expected: TamperedPackage: ");
        assertThat(result.err()).isEmpty();
    }
}
