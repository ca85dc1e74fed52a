package dev.signet.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.application.port.in.SignPackageOfflineUseCase;
import dev.signet.bootstrap.OfflineComponents;
import dev.signet.bootstrap.support.Cli;
import dev.signet.bootstrap.support.SharedTestData;
import dev.signet.domain.audit.AuditEvent;
import dev.signet.domain.key.Ed25519PrivateKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Byte compatibility with Cloacina, proved on fixtures made outside the project (shared/testdata/cloacina). */
class CloacinaFixturesTest {
    private static final Instant FIXTURE_SIGNED_AT = Instant.parse("2026-01-28T12:00:00Z");

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"hello-world.pkg", "empty.pkg"})
    void cloacina_signatures_verify_with_cloacinas_crlf_public_key(String packageName) {
        Path fixtures = SharedTestData.folder("cloacina");
        Cli.Result verified = new Cli(dir.resolve("home")).run("verify", fixtures.resolve(packageName),
                "--sig", fixtures.resolve(packageName + ".sig"),
                "--public-key", fixtures.resolve("rfc8032-test1.public.crlf.pem"));
        assertThat(verified.exitCode()).as(verified.toString()).isZero();
        assertThat(verified.out()).contains("21fe31dfa154a261626bf854046fd2271b7bed4b6abe45aa58877ef47f9721b9");
    }

    @ParameterizedTest
    @ValueSource(strings = {"hello-world.pkg", "empty.pkg"})
    void signing_the_fixture_packages_reproduces_their_sig_files_byte_for_byte(String packageName)
            throws IOException {
        Path fixtures = SharedTestData.folder("cloacina");
        List<AuditEvent> events = new ArrayList<>();
        OfflineComponents signet = new OfflineComponents(events::add, Clock.fixed(FIXTURE_SIGNED_AT, ZoneOffset.UTC));
        Path out = dir.resolve(packageName + ".sig");
        try (Ed25519PrivateKey key = signet.privateKeys().read(
                Files.readAllBytes(fixtures.resolve("rfc8032-test1.private.pem")))) {
            signet.signing().sign(new SignPackageOfflineUseCase.Command(fixtures.resolve(packageName), key,
                    Optional.of(out)));
        }
        assertThat(out).hasBinaryContent(Files.readAllBytes(fixtures.resolve(packageName + ".sig")));
        assertThat(events).singleElement().isInstanceOf(AuditEvent.PackageSigned.class);
    }

    @Test
    void the_wrong_constructions_in_the_fixture_readme_do_not_verify() throws IOException {
        Path fixtures = SharedTestData.folder("cloacina");
        String good = Files.readString(fixtures.resolve("hello-world.pkg.sig"));
        String goodSignature = good.replaceAll("(?s).*\"signature\": \"([^\"]+)\".*", "$1");
        for (String wrong : List.of(
                "fy8LZqxsA4p7ZIAvazoieU1Pcj71pHvUo3ARf+fxO8beXGgaRslq2cMZDL8cYJBRVU7Ei9GWftSMssxTUndbAg==",
                "LFSCOSoZfsCfozd3lY06C+T0lgr4XpeWpNgiyV7PcEo0/tMq22maiMDqh2ufuxfR29M291T9kge/wRLImqVPAg==")) {
            Path sig = Files.writeString(dir.resolve("wrong.sig"), good.replace(goodSignature, wrong));
            Cli.Result result = new Cli(dir.resolve("home")).run("verify", fixtures.resolve("hello-world.pkg"),
                    "--sig", sig, "--public-key", fixtures.resolve("rfc8032-test1.public.crlf.pem"));
            assertThat(result.exitCode()).as(result.toString()).isEqualTo(5);
        }
    }
}
