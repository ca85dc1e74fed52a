package dev.signet.bootstrap.cli;

import dev.signet.application.port.in.SignPackageOfflineUseCase;
import dev.signet.application.port.in.VerifyPackageOfflineUseCase;
import dev.signet.bootstrap.OfflineComponents;
import dev.signet.domain.key.Ed25519PrivateKey;
import dev.signet.domain.key.Ed25519PublicKey;
import dev.signet.domain.verification.TamperedPackage;
import dev.signet.domain.verification.VerifiedPackage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** The whole flow on a throw-away folder, each step explained, with the command that does it. */
@Command(name = "quickstart", description = "Run the whole signing flow on a throw-away folder, explained step by step.")
final class QuickstartCommand implements Callable<Integer> {
    @ParentCommand
    SignetCli cli;

    @Mixin
    GlobalOptions global;

    @Override
    public Integer call() throws IOException {
        Path workspace = Files.createTempDirectory("signet-quickstart-");
        try {
            if (global.home == null) {
                global.home = workspace.resolve("home");
            }
            return walkThrough(cli.components(global), workspace, cli.out());
        } finally {
            deleteRecursively(workspace);
        }
    }

    private static int walkThrough(OfflineComponents signet, Path workspace, PrintWriter out) throws IOException {
        out.println("Signet quickstart: sign a package, verify it, then watch a tampered copy get rejected.");
        out.println("Everything happens in " + workspace + " and is deleted at the end.");
        out.println();

        step(out, 1, "Make a throw-away Ed25519 key pair.",
                "A signer keeps the private key secret and hands out the public key. In production the private",
                "key lives wrapped in Signet's database or inside an HSM; here it is a PKCS#8 file, as",
                "`openssl genpkey -algorithm ed25519` writes one.");
        Path privateKeyFile = workspace.resolve("quickstart-key.pem");
        Path publicKeyFile = workspace.resolve("quickstart-key.pub.pem");
        Ed25519PublicKey publicKey;
        try (Ed25519PrivateKey key = signet.signer().generate()) {
            byte[] pem = signet.privateKeys().toPkcs8Pem(key);
            try {
                Files.write(privateKeyFile, pem);
            } finally {
                Arrays.fill(pem, (byte) 0);
            }
            publicKey = signet.signer().publicKeyOf(key);
        }
        Files.writeString(publicKeyFile, signet.publicKeys().toPem(publicKey), StandardCharsets.US_ASCII);
        out.println("   public key fingerprint (SHA-256 of the 32-byte key): " + publicKey.fingerprint().hex());
        out.println();

        step(out, 2, "Write a sample workflow package.",
                "Any file can be a package: a plugin library, an archive. Signet signs its SHA-256 digest.");
        Path packageFile = workspace.resolve("hello-workflow.so");
        Files.writeString(packageFile, "pretend this is a compiled workflow plugin\n", StandardCharsets.UTF_8);
        out.println("   " + packageFile.getFileName() + ", " + Files.size(packageFile) + " bytes");
        out.println();

        step(out, 3, "Sign it:  signet sign hello-workflow.so --private-key quickstart-key.pem",
                "Signet hashes the package with SHA-256, signs the 32 digest bytes with Ed25519 and writes a",
                "detached signature beside it, in the same JSON format Cloacina reads and writes:");
        SignPackageOfflineUseCase.SignedPackage signed;
        try (Ed25519PrivateKey key = signet.privateKeys().read(Files.readAllBytes(privateKeyFile))) {
            signed = signet.signing().sign(new SignPackageOfflineUseCase.Command(packageFile, key, Optional.empty()));
        }
        Files.readAllLines(signed.signatureFile()).forEach(line -> out.println("   " + line));
        out.println();

        step(out, 4, "Verify it:  signet verify hello-workflow.so --public-key quickstart-key.pub.pem",
                "Verification re-hashes the package, checks the signer is the key you trust, and checks the",
                "Ed25519 signature. Exit code 0 means every check passed.");
        VerifiedPackage verified = verify(signet, packageFile, publicKey);
        out.println("   verified: signed by " + verified.signerFingerprint().hex());
        out.println();

        step(out, 5, "Tamper with the package and verify again.",
                "One appended byte changes the SHA-256, so the signature no longer covers these bytes.",
                "A workflow engine with requireSignatures on would refuse to load it (exit code 3).");
        Files.write(packageFile, new byte[] {'!'}, StandardOpenOption.APPEND);
        try {
            verify(signet, packageFile, publicKey);
            out.println("   UNEXPECTED: the tampered package verified");
            return ExitCodes.ERROR;
        } catch (TamperedPackage rejected) {
            out.println("   rejected as expected: " + ExitCodes.describe(rejected));
        }
        out.println();
        out.println("Done. Next: `signet --help`, and README.md for the CLI and the Java API.");
        return ExitCodes.OK;
    }

    private static VerifiedPackage verify(OfflineComponents signet, Path packageFile, Ed25519PublicKey publicKey) {
        return signet.verification()
                .verify(new VerifyPackageOfflineUseCase.Command(packageFile, Optional.empty(), publicKey));
    }

    private static void step(PrintWriter out, int number, String title, String... explanation) {
        out.println(number + ". " + title);
        for (String line : explanation) {
            out.println("   " + line);
        }
    }

    private static void deleteRecursively(Path folder) throws IOException {
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(path);
            }
        }
    }
}
