package dev.signet.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.bootstrap.support.Cli;
import dev.signet.bootstrap.support.Keks;
import dev.signet.domain.Hex;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What Signet writes on disk and who may read it. Signet never writes a KEK, a PIN or a private key to a file
 * (the KEK and PIN are given at run time; quickstart keeps its KEK in memory): what it writes is the home
 * folder, with the embedded database (private keys only wrapped under the KEK), audit.log and signet.log. The
 * home folder, and every folder Signet makes on the way to it, is created owner-only (mkdir with mode 0700,
 * never chmod-ed afterwards), and no file in it holds the KEK in any spelling (raw, hex, base64).
 */
class SecretFilePermissionsTest {
    private static final Pattern WORKSPACE = Pattern.compile("Everything happens in (\\S+) and is deleted");

    @TempDir
    Path dir;

    @BeforeEach
    void posixOnly() {
        Assumptions.assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"),
                "POSIX permissions are not supported on this file system");
    }

    @Test
    void the_home_folder_and_the_folders_made_for_it_are_owner_only_and_no_file_in_it_holds_the_kek()
            throws Exception {
        byte[] kek = Keks.randomBytes();
        Path kekFile = Keks.ownerOnly(Files.writeString(dir.resolve("kek"), Hex.encode(kek)));
        Path home = dir.resolve("made").resolve("by").resolve("signet");
        Cli cli = new Cli(home, Map.of("SIGNET_KEY_ENCRYPTION_KEY_FILE", kekFile.toString()));
        Path pkg = Files.writeString(dir.resolve("plugin.so"), "a plugin");

        ok(cli.run("org", "create", "acme"));
        String keyId = ok(cli.run("key", "create", "--org", "acme", "--name", "release")).strip().split(" ")[0];
        ok(cli.run("sign", pkg, "--key", keyId));
        ok(cli.run("audit", "list"));

        for (Path folder : List.of(dir.resolve("made"), dir.resolve("made").resolve("by"), home)) {
            assertThat(permissions(folder)).as(folder.toString()).isEqualTo("rwx------");
        }
        List<Path> files = filesUnder(home);
        assertThat(files).as("the database and the logs").isNotEmpty();
        List<byte[]> secrets = List.of(kek, Hex.encode(kek).getBytes(StandardCharsets.US_ASCII),
                Hex.encode(kek).toUpperCase().getBytes(StandardCharsets.US_ASCII),
                Base64.getEncoder().encode(kek));
        for (Path file : files) {
            byte[] content = Files.readAllBytes(file);
            for (byte[] secret : secrets) {
                assertThat(indexOf(content, secret)).as("a secret in " + file).isEqualTo(-1);
            }
        }
    }

    @Test
    void quickstart_keeps_its_kek_in_memory_and_deletes_its_throw_away_folder() throws Exception {
        Cli.Result result = new Cli(dir.resolve("home")).run("quickstart");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        Matcher workspace = WORKSPACE.matcher(result.out());
        assertThat(workspace.find()).as(result.out()).isTrue();
        assertThat(Path.of(workspace.group(1))).as("quickstart's throw-away folder is deleted").doesNotExist();
        assertThat(dir.resolve("home")).as("quickstart uses its own home, not SIGNET_HOME").doesNotExist();
    }

    private static String permissions(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    private static List<Path> filesUnder(Path folder) throws IOException {
        try (Stream<Path> paths = Files.walk(folder)) {
            return paths.filter(Files::isRegularFile).toList();
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static String ok(Cli.Result result) {
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.err()).as(result.toString()).isEmpty();
        return result.out();
    }
}
