package dev.signet.bootstrap.cli;

import dev.signet.application.port.in.ManageSigningKeysUseCase.PublicKeyExport;
import dev.signet.application.port.in.SecurityConfig;
import dev.signet.application.port.in.SignatureSource;
import dev.signet.bootstrap.KeyManager;
import dev.signet.bootstrap.Signet;
import dev.signet.bootstrap.Verification;
import dev.signet.domain.key.KeyEncryptionKey;
import dev.signet.domain.key.SigningKey;
import dev.signet.domain.organization.Organization;
import dev.signet.domain.signature.PackageSignature;
import dev.signet.domain.trust.TrustPath;
import dev.signet.domain.trust.TrustedKey;
import dev.signet.domain.verification.TamperedPackage;
import dev.signet.domain.verification.VerifiedPackage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** The seed's whole flow on a throw-away home, each step explained, with the command that does it. */
@Command(name = "quickstart", description = "Run the whole signing flow on a throw-away home folder, explained step by step.")
final class QuickstartCommand implements Callable<Integer> {
    @ParentCommand
    SignetCli cli;

    @Mixin
    GlobalOptions global;

    @Override
    public Integer call() throws IOException {
        Path workspace = Files.createTempDirectory("signet-quickstart-");
        try {
            global.home = workspace.resolve("home");
            StoreOptions embedded = new StoreOptions();
            byte[] kekBytes = new byte[KeyEncryptionKey.LENGTH];
            new SecureRandom().nextBytes(kekBytes);
            // with --json the walk-through is not printed, only its outcome as one object at the end
            PrintWriter text = global.json ? new PrintWriter(Writer.nullWriter()) : cli.out();
            try (KeyEncryptionKey kek = KeyEncryptionKey.of(kekBytes);
                    Signet signet = cli.openSignet(global, embedded, SecurityConfig.builder().keyEncryptionKey(kek).build())) {
                cli.output(global).printJsonSummary(walkThrough(signet, workspace, text));
                return ExitCodes.OK;
            } finally {
                Arrays.fill(kekBytes, (byte) 0);
            }
        } finally {
            deleteRecursively(workspace);
        }
    }

    /** Prints the walk-through to {@code out} and returns what it made and saw. */
    private static JsonLine walkThrough(Signet signet, Path workspace, PrintWriter out) throws IOException {
        KeyManager keys = signet.keyManager();
        out.println("Signet quickstart: the whole signing flow on a throw-away home folder, step by step.");
        out.println("Everything happens in " + workspace + " and is deleted at the end.");
        out.println();

        step(out, 1, "Create an organization:  signet org create acme",
                "Organizations own signing keys and decide which public keys they trust. The embedded",
                "database (H2, in the home folder) was created and migrated on first use.");
        Organization org = keys.createOrganization("acme");
        out.println("   organization " + org.id());
        out.println();

        step(out, 2, "Create a signing key:  signet key create --org acme --name release-key-v1",
                "Signet generates an Ed25519 key pair. The private half is stored in the database sealed with",
                "AES-256-GCM under the key-encryption key (KEK), which is given at run time (--kek-file or",
                "SIGNET_KEY_ENCRYPTION_KEY) and never stored. This run made a random KEK for itself.");
        SigningKey key = keys.createSigningKey(org.id(), "release-key-v1");
        out.println("   key " + key.id());
        out.println("   fingerprint (SHA-256 of the 32-byte public key): " + key.fingerprint().hex());
        out.println();

        step(out, 3, "Export the public key and trust it:  signet key export KEY_ID --out release.pem",
                "                                       signet trust add --org acme --pem release.pem",
                "Anyone may hold the public key. An organization accepts a signature only from keys it trusts.");
        PublicKeyExport export = keys.exportPublicKey(key.id());
        Path pem = Files.writeString(workspace.resolve("release.pem"), export.publicKeyPem(), StandardCharsets.US_ASCII);
        TrustedKey trusted = keys.trustPublicKeyPem(org.id(), export.publicKeyPem(), "Release Key");
        export.publicKeyPem().lines().forEach(line -> out.println("   " + line));
        out.println("   trusted as " + trusted.id());
        out.println();

        step(out, 4, "Sign a package with the stored key:  signet sign hello-workflow.so --key KEY_ID",
                "Signet hashes the package with SHA-256, signs the 32 digest bytes with Ed25519, records the",
                "signature in the database and writes a detached signature beside the package, byte for byte",
                "the JSON format Cloacina reads and writes:");
        Path packageFile = workspace.resolve("hello-workflow.so");
        Files.writeString(packageFile, "pretend this is a compiled workflow plugin\n", StandardCharsets.UTF_8);
        PackageSignature signature = signet.packageSigner().signPackageWithDbKey(packageFile, key.id(), true)
                .signature();
        Path sig = workspace.resolve("hello-workflow.so.sig");
        signet.packageSigner().writeDetachedSignature(signature, sig);
        Files.readAllLines(sig).forEach(line -> out.println("   " + line));
        out.println();

        step(out, 5, "Verify it offline:  signet verify hello-workflow.so --public-key release.pem",
                "With only the public key: the package's hash must be the signed one, the signer must be this",
                "key, and the Ed25519 signature must hold. Exit code 0 means every check passed.");
        VerifiedPackage offline = Verification.verifyPackageOffline(packageFile, sig, Files.readAllBytes(pem));
        out.println("   verified offline: signed by " + offline.signerFingerprint().hex());
        VerifiedPackage online = signet.verifier().verifyPackage(packageFile, org.id(), SignatureSource.AUTO);
        out.println("   verified against acme's trust too (signet verify --org acme): "
                + online.trustPath().map(TrustPath::describe).orElse("direct"));
        out.println();

        step(out, 6, "Tamper with the package and verify again.",
                "One appended byte changes the SHA-256, so the signature no longer covers these bytes. A",
                "workflow engine with requireSignatures on refuses to load it (the CLI exits with code 3).");
        Files.write(packageFile, new byte[] {'!'}, StandardOpenOption.APPEND);
        String rejection;
        try {
            Verification.verifyPackageOffline(packageFile, sig, Files.readAllBytes(pem));
            throw new CliFailure("quickstart: the tampered package verified, which must never happen");
        } catch (TamperedPackage rejected) {
            rejection = ExitCodes.describe(rejected);
            out.println("   rejected as expected: " + rejection);
        }
        out.println();
        out.println("Done. Next: `signet --help`, and README.md for the CLI and the Java API.");
        return new JsonLine().put("org_id", org.id()).put("key_id", key.id())
                .put("fingerprint", key.fingerprint().hex()).put("trusted_key_id", trusted.id())
                .put("package_hash", signature.packageHash().hex())
                .put("trust_path", online.trustPath().map(TrustPath::describe).orElse("direct"))
                .put("tampered_rejected", rejection);
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
