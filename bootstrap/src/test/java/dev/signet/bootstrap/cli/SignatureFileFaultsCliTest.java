package dev.signet.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.adapters.persistence.sigfile.FaultyFolder;
import dev.signet.bootstrap.support.Cli;
import dev.signet.bootstrap.support.Keks;
import dev.signet.bootstrap.support.Workspace;
import dev.signet.domain.Hex;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code signet sign} with its output in a read-only folder or on a full disk (a real tmpfs, see
 * {@link FaultyFolder}): exit 1, one line on stderr naming SignatureFileNotWritten and the file, no stack
 * trace, no .sig or temporary file left, an existing .sig untouched, and, for stored keys, the audit records
 * a failed signing (never package.signed) and no signature is stored in the database.
 */
class SignatureFileFaultsCliTest {
    @TempDir
    Path dir;

    @Test
    void offline_signing_into_a_read_only_folder_fails_in_one_line_and_writes_nothing() throws Exception {
        Workspace workspace = new Workspace(dir);
        Workspace.KeyPair signer = workspace.keyPair("signer");
        Path pkg = workspace.file("plugin.so", "a plugin");
        Cli cli = new Cli(dir.resolve("home"));
        try (FaultyFolder out = FaultyFolder.create(dir, "out")) {
            Path target = out.path().resolve("plugin.so.sig");
            out.makeReadOnly();

            Cli.Result result = cli.run("sign", pkg, "--private-key", signer.privateKeyPem(), "--out", target);

            assertFailedToWrite(result, target);
            assertThat(out.names()).isEmpty();
        }
    }

    @Test
    void signing_with_a_stored_key_onto_a_full_disk_keeps_the_old_sig_stores_nothing_and_audits_a_failure()
            throws Exception {
        Path kekFile = Keks.ownerOnly(Files.writeString(dir.resolve("kek"), Hex.encode(Keks.randomBytes())));
        Cli cli = new Cli(dir.resolve("home"), Map.of("SIGNET_KEY_ENCRYPTION_KEY_FILE", kekFile.toString()));
        Path pkg = Files.writeString(dir.resolve("plugin.so"), "a plugin");
        ok(cli.run("org", "create", "acme"));
        String keyId = ok(cli.run("key", "create", "--org", "acme", "--name", "release")).strip().split(" ")[0];
        Path pem = dir.resolve("release.pem");
        ok(cli.run("key", "export", keyId, "--out", pem));
        ok(cli.run("trust", "add", "--org", "acme", "--pem", pem));

        try (FaultyFolder out = FaultyFolder.create(dir, "out")) {
            Path target = out.path().resolve("plugin.so.sig");
            ok(cli.run("sign", pkg, "--key", keyId, "--no-store", "--out", target));
            byte[] before = Files.readAllBytes(target);
            out.fill();

            Cli.Result result = cli.run("sign", pkg, "--key", keyId, "--out", target);

            assertFailedToWrite(result, target);
            assertThat(Files.readAllBytes(target)).isEqualTo(before);
            assertThat(out.names()).containsExactly("plugin.so.sig");
            assertThat(ok(cli.run("verify", pkg, "--public-key", pem, "--sig", target))).startsWith("Verified ");
        }
        Cli.Result stored = cli.run("verify", pkg, "--org", "acme", "--source", "database");
        assertThat(stored.exitCode()).as("no signature may be stored: %s", stored).isEqualTo(6);
        String signed = ok(cli.run("audit", "list", "--type", "package.signed"));
        assertThat(signed.lines()).as("only the first, successful signing is package.signed").hasSize(1);
        assertThat(ok(cli.run("audit", "list", "--type", "package.sign.failure")).lines()).singleElement()
                .asString().contains("cannot write signature file", "plugin.so.sig", "No space left on device");
        ok(cli.run("audit", "verify"));
    }

    private static void assertFailedToWrite(Cli.Result result, Path target) {
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(result.out()).as(result.toString()).isEmpty();
        assertThat(result.errLines()).as(result.toString()).singleElement().asString()
                .startsWith("SignatureFileNotWritten: cannot write signature file " + target + ": ")
                .doesNotContain("Exception", "\tat ");
    }

    private static String ok(Cli.Result result) {
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.err()).as(result.toString()).isEmpty();
        return result.out();
    }
}
