package dev.signet.bootstrap.cli;

import dev.signet.application.port.in.LoadPackageUseCase.LoadedPackage;
import dev.signet.application.port.in.SecurityConfig;
import dev.signet.bootstrap.Signet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** The package-loading gate from the shell: only verified bytes come out, and they are exactly the verified ones. */
@Command(name = "load", description = {"Pass a package through the loading gate: verify it against the organization's",
        "trust and write exactly the verified bytes to --out. Exit codes as for verify."})
final class LoadCommand implements Callable<Integer> {
    @ParentCommand
    SignetCli cli;

    @Mixin
    GlobalOptions global;

    @Mixin
    StoreOptions store;

    @Parameters(paramLabel = "PACKAGE")
    Path packageFile;

    @Option(names = "--org", paramLabel = "ORG", required = true, description = "Organization id or name.")
    String org;

    @Option(names = "--out", paramLabel = "FILE", required = true, description = "Where to put the verified package.")
    Path out;

    @Option(names = "--allow-unsigned", description = "requireSignatures off: a package with no signature at all "
            + "loads (a present but bad signature still fails).")
    boolean allowUnsigned;

    @Option(names = "--max-load-size", paramLabel = "SIZE", converter = ByteSizes.Converter.class,
            description = "The largest package the gate copies, in bytes or with KiB, MiB, GiB (a larger one fails, "
                    + "PackageTooLarge, leaving no copy). Default: $SIGNET_MAX_LOAD_SIZE, else 4GiB")
    Long maxLoadSize;

    @Override
    public Integer call() throws IOException {
        // No KEK: loading never unwraps a key, so its file or variable is not even read.
        SecurityConfig config = SecurityConfig.builder().requireSignatures(!allowUnsigned)
                .maxLoadBytes(maxLoadBytes()).build();
        OutputFiles.requireReplaceable(out, "--out", packageFile, "the package being loaded");
        try (Signet signet = cli.openSignet(global, store, config)) {
            LoadedPackage loaded = signet.packageLoader().load(packageFile, signet.keyManager().organization(org).id());
            try {
                OutputFiles.requireReplaceable(out, "--out", packageFile, "the package being loaded"); // again, late
                Files.move(loaded.path(), out, StandardCopyOption.REPLACE_EXISTING);
            } catch (RuntimeException | IOException e) {
                Files.deleteIfExists(loaded.path());
                throw e;
            }
            JsonLine json = new JsonLine().put("package_hash", loaded.packageHash().hex())
                    .put("signature_verified", loaded.signatureVerified()).put("out", out);
            loaded.verification().ifPresent(v -> json.putObject("time_basis", TimeBasisJson.of(v.timeBasis())));
            cli.output(global).print((loaded.signatureVerified() ? "Loaded verified " : "Loaded UNSIGNED ") + packageFile
                    + " into " + out + loaded.verification().map(v -> " (signed by " + v.signerFingerprint().hex()
                            + "; time basis: " + v.timeBasis().describe() + ")").orElse(""), json);
        }
        return ExitCodes.OK;
    }

    private long maxLoadBytes() {
        if (maxLoadSize != null) {
            return maxLoadSize;
        }
        String fromEnvironment = cli.environment().get("SIGNET_MAX_LOAD_SIZE");
        if (fromEnvironment == null || fromEnvironment.isBlank()) {
            return SecurityConfig.DEFAULT_MAX_LOAD_BYTES;
        }
        try {
            return ByteSizes.parse(fromEnvironment);
        } catch (IllegalArgumentException e) {
            throw new CliFailure("SIGNET_MAX_LOAD_SIZE: " + e.getMessage());
        }
    }
}
