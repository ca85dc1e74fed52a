package dev.signet.bootstrap.cli;

import dev.signet.application.port.in.SignatureSource;
import dev.signet.application.port.in.VerifyPackageOfflineUseCase;
import dev.signet.application.port.in.VerifyPackageUseCase;
import dev.signet.bootstrap.OfflineComponents;
import dev.signet.bootstrap.Signet;
import dev.signet.domain.verification.VerifiedPackage;
import dev.signet.domain.time.TsaCertificate;
import java.nio.file.Path;
import com.fasterxml.jackson.databind.JsonNode;
import dev.signet.application.service.SignatureSidecar;
import dev.signet.domain.signature.PackageHash;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "verify", description = {"Verify a package: online against an organization's trust (--org),",
        "or offline against one public key (--public-key).",
        "Exit codes: 0 verified, 3 tampered package, 4 untrusted signer,",
        "5 invalid signature, 6 signature not found, 7 malformed signature,",
        "8 untrusted timestamp,",
        "1 other errors, 2 usage errors."})
final class VerifyCommand implements Callable<Integer> {
    @ParentCommand
    SignetCli cli;

    @Mixin
    GlobalOptions global;

    @Mixin
    StoreOptions store;

    @Parameters(paramLabel = "PACKAGE", description = "The package file to verify.")
    Path packageFile;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Against against;

    static final class Against {
        @Option(names = "--org", paramLabel = "ORG", description = "Online: the organization (id or name) whose trust decides.")
        String org;

        @Option(names = "--public-key", paramLabel = "FILE",
                description = "Offline: the signer's public key as PEM, 32 raw bytes or 64 hex characters.")
        Path publicKeyFile;
    }

    @Option(names = "--source", paramLabel = "SOURCE", defaultValue = "auto",
            description = "Online: where the signature comes from: auto (the .sig file, else the database), file, database.")
    SignatureSource source;

    @Option(names = "--sig", paramLabel = "SIG_FILE", description = "The detached signature. Default: PACKAGE.sig")
    Path signatureFile;

    @Mixin
    ServerOptions server;

    @Option(names = "--tsa-cert", paramLabel = "PEM",
            description = "Offline: a trusted TSA certificate (PEM or DER); a timestamp in the .sig counts only if it chains to one. Repeatable.")
    List<Path> tsaCertificates = new ArrayList<>();

    @Override
    public Integer call() {
        if (server.given()) {
            return throughServer();
        }
        VerifiedPackage verified = against.org != null ? online() : offline();
        cli.output(global).print("Verified " + packageFile + ": signed by " + verified.signerFingerprint().hex()
                + " (package hash " + verified.packageHash().hex() + ", signature from " + verified.origin().label()
                + verified.trustPath().map(path -> ", trusted via " + path.describe()).orElse("")
                + "; time basis: " + verified.timeBasis().describe() + ")",
                new JsonLine().put("package_hash", verified.packageHash().hex())
                        .put("signer_fingerprint", verified.signerFingerprint().hex())
                        .put("source", verified.origin().label())
                        .putObject("time_basis", TimeBasisJson.of(verified.timeBasis())));
        return ExitCodes.OK;
    }

    private VerifiedPackage online() {
        try (Signet signet = cli.openSignet(global, store)) {
            return signet.verifier().verify(new VerifyPackageUseCase.Command(packageFile,
                    signet.keyManager().organization(against.org).id(), source, Optional.ofNullable(signatureFile)));
        }
    }

    /**
     * Hashes the package here and asks the service to judge the hash with the .sig (when there is one; the
     * signatures it stores for the hash otherwise) against the organization's trust.
     */
    private Integer throughServer() {
        if (against.org == null) {
            throw new IllegalArgumentException("--server verifies against an organization's trust: give --org ORG");
        }
        OfflineComponents components = cli.components(global);
        PackageHash hash = components.hasher().hash(packageFile);
        Path sig = signatureFile != null ? signatureFile : SignatureSidecar.defaultFor(packageFile);
        Optional<byte[]> sigBytes = Optional.empty();
        if (signatureFile != null || Files.isRegularFile(sig)) {
            components.signatureFiles().read(sig); // a malformed or missing file fails here, as it does locally
            sigBytes = Optional.of(KeyFiles.read(sig, "signature"));
        }
        JsonNode verdict = ServiceClient.from(server, cli.environment(), cli.allowInsecureSecretFiles(store))
                .verify(against.org, hash, sigBytes);
        String signer = verdict.path("signer_fingerprint").asText();
        JsonNode basis = verdict.path("time_basis");
        JsonLine basisJson = new JsonLine(); // as the service answered it: the same object verify --json prints
        for (String field : List.of("kind", "time", "tsa_subject", "unchecked_timestamp", "description")) {
            if (basis.hasNonNull(field)) {
                basisJson.put(field, basis.get(field).asText());
            }
        }
        cli.output(global).print("Verified " + packageFile + " through " + server.url + ": signed by " + signer
                + " (package hash " + hash.hex() + "; time basis: " + basis.path("description").asText("not given")
                + ")", new JsonLine().put("package_hash", hash.hex()).put("signer_fingerprint", signer)
                        .put("source", "server").putObject("time_basis", basisJson));
        return ExitCodes.OK;
    }

    private VerifiedPackage offline() {
        OfflineComponents components = cli.components(global);
        var publicKey = components.publicKeys().read(KeyFiles.read(against.publicKeyFile, "public key"));
        List<TsaCertificate> tsas = tsaCertificates.stream().map(file -> readTsaCertificate(components, file)).toList();
        return components.verification().verify(
                new VerifyPackageOfflineUseCase.Command(packageFile, Optional.ofNullable(signatureFile), publicKey, tsas));
    }

    private static TsaCertificate readTsaCertificate(OfflineComponents components, Path file) {
        try {
            return components.timestampVerifier().readCertificate(KeyFiles.read(file, "TSA certificate"));
        } catch (IllegalArgumentException e) {
            throw new CliFailure("--tsa-cert " + file + ": " + e.getMessage());
        }
    }
}
