package dev.signet.bootstrap.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The training run of the launchers' class-data sharing archive and JDK 25 AOT cache (./signet and the
 * release archive's bin/signet): every kind of command, once each, in one JVM, on a throw-away embedded
 * home, so that the archive holds the classes of the key-store commands as well as of the offline ones.
 * One JVM rather than one per command because a JDK 25 AOT cache is recorded from a single run. Never a
 * command of the product: {@code java -cp signet.jar dev.signet.bootstrap.cli.Training FOLDER}, where
 * FOLDER is new or empty; exits 0 only when every command did what it should.
 */
public final class Training {
    private Training() {
    }

    public static void main(String[] args) throws IOException, GeneralSecurityException {
        if (args.length != 1) {
            System.err.println("usage: Training FOLDER");
            System.exit(2);
        }
        CliLogging.useTheCliLogging(); // as the CLI's main: the archive then holds the same logging classes
        Path work = Files.createDirectories(Path.of(args[0]));
        Path home = work.resolve("home");
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        Path privateKey = pem(work.resolve("key.pem"), "PRIVATE KEY", pair.getPrivate().getEncoded());
        Path publicKey = pem(work.resolve("key.pub.pem"), "PUBLIC KEY", pair.getPublic().getEncoded());
        byte[] kek = new byte[32];
        new SecureRandom().nextBytes(kek);
        Path kekFile = ownerOnly(work.resolve("kek.hex"), HexFormat.of().formatHex(kek));
        Path offline = Files.write(work.resolve("offline.bin"), bytes(4096));
        Path stored = Files.write(work.resolve("stored.bin"), bytes(4096));
        Map<String, String> environment = Map.of("SIGNET_HOME", home.toString(),
                "SIGNET_KEY_ENCRYPTION_KEY_FILE", kekFile.toString());
        Training.Run run = new Training.Run(environment);

        run.expect(ExitCodes.OK, "sign", offline.toString(), "--private-key", privateKey.toString());
        run.expect(ExitCodes.OK, "verify", offline.toString(), "--public-key", publicKey.toString());
        run.expect(ExitCodes.OK, "verify", offline.toString(), "--public-key", publicKey.toString(), "--json");
        String org = run.expect(ExitCodes.OK, "org", "create", "training").strip();
        run.expect(ExitCodes.OK, "org", "list");
        run.expect(ExitCodes.OK, "org", "list", "--json");
        String[] created = run.expect(ExitCodes.OK, "key", "create", "--org", org, "--name", "training-key").strip()
                .split(" ");
        String keyId = created[0];
        run.expect(ExitCodes.OK, "key", "list", "--org", org);
        run.expect(ExitCodes.OK, "key", "list", "--org", org, "--json");
        Path exported = work.resolve("training-key.pem");
        run.expect(ExitCodes.OK, "key", "export", keyId, "--out", exported.toString());
        run.expect(ExitCodes.OK, "trust", "add", "--org", org, "--pem", exported.toString(), "--label", "Training");
        run.expect(ExitCodes.OK, "trust", "list", "--org", org);
        run.expect(ExitCodes.OK, "trust", "list", "--org", org, "--json");
        run.expect(ExitCodes.OK, "sign", stored.toString(), "--key", keyId);
        run.expect(ExitCodes.OK, "verify", stored.toString(), "--org", org);
        run.expect(ExitCodes.OK, "verify", stored.toString(), "--org", org, "--json");
        run.expect(ExitCodes.OK, "load", stored.toString(), "--org", org, "--out", work.resolve("loaded.bin").toString());
        Files.write(stored, bytes(4096));
        run.expect(ExitCodes.TAMPERED_PACKAGE, "verify", stored.toString(), "--org", org);
        run.expect(ExitCodes.OK, "trust", "explain", "--org", org, created[created.length - 1]);
        run.expect(ExitCodes.OK, "audit", "verify");
        run.expect(ExitCodes.OK, "audit", "list", "--type", "organization.create", "--json");
        run.expect(ExitCodes.USAGE, "verify", "--no-such-option");
        run.expect(ExitCodes.OK, "--help");
        run.expect(ExitCodes.OK, "--version");
        if (!run.failures.isEmpty()) {
            run.failures.forEach(System.err::println);
            System.exit(1);
        }
        // As the CLI's main ends: on Java 21 and later System.exit logs through System.Logger (so logback), and
        // that belongs in the archive as well.
        System.exit(ExitCodes.OK);
    }

    private static byte[] bytes(int size) {
        byte[] bytes = new byte[size];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }

    private static Path pem(Path file, String type, byte[] der) throws IOException {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return ownerOnly(file, "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n");
    }

    private static Path ownerOnly(Path file, String content) throws IOException {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        return Files.writeString(file, content);
    }

    private static final class Run {
        private final Map<String, String> environment;
        private final List<String> failures = new ArrayList<>();

        Run(Map<String, String> environment) {
            this.environment = environment;
        }

        /** Runs one command line and returns what it printed on stdout; a failure when its code differs. */
        String expect(int code, String... args) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int actual = SignetCli.run(new PrintWriter(out), new PrintWriter(err), environment, args);
            if (actual != code) {
                failures.add("signet " + String.join(" ", args) + ": exit code " + actual + ", expected " + code
                        + ": " + err);
            }
            return out.toString();
        }
    }
}
