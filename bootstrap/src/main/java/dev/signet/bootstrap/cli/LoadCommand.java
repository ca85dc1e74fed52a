package dev.signet.bootstrap.cli;

import dev.signet.application.port.in.LoadPackageUseCase.LoadedPackage;
import dev.signet.application.port.in.SecurityConfig;
import dev.signet.bootstrap.KeyEncryptionKeys;
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

    @Override
    public Integer call() throws IOException {
        SecurityConfig config = SecurityConfig.builder().requireSignatures(!allowUnsigned)
                .keyEncryptionKey(KeyEncryptionKeys.resolve(store.kekFile, store.kekTokenLabel, cli.environment()).orElse(null)).build();
        try (Signet signet = cli.openSignet(global, store, config)) {
            LoadedPackage loaded = signet.packageLoader().load(packageFile, signet.keyManager().organization(org).id());
            Files.move(loaded.path(), out, StandardCopyOption.REPLACE_EXISTING);
            cli.output(global).print((loaded.signatureVerified() ? "Loaded verified " : "Loaded UNSIGNED ") + packageFile
                    + " into " + out + loaded.verification().map(v -> " (signed by " + v.signerFingerprint().hex() + ")")
                            .orElse(""), new JsonLine().put("package_hash", loaded.packageHash().hex())
                                    .put("signature_verified", loaded.signatureVerified()).put("out", out));
        }
        return ExitCodes.OK;
    }
}
