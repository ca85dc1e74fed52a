package dev.signet.bootstrap.cli;

import dev.signet.application.port.in.VerifyPackageOfflineUseCase;
import dev.signet.bootstrap.OfflineComponents;
import dev.signet.domain.verification.VerifiedPackage;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "verify", description = {"Verify a package against its detached signature.",
        "Exit codes: 0 verified, 3 tampered package, 4 untrusted signer, 5 invalid signature,",
        "6 signature not found, 7 malformed signature, 1 other errors, 2 usage errors."})
final class VerifyCommand implements Callable<Integer> {
    @ParentCommand
    SignetCli cli;

    @Mixin
    GlobalOptions global;

    @Parameters(paramLabel = "PACKAGE", description = "The package file to verify.")
    Path packageFile;

    @Option(names = "--public-key", paramLabel = "FILE", required = true,
            description = "Offline: the signer's public key as PEM, 32 raw bytes or 64 hex characters.")
    Path publicKeyFile;

    @Option(names = "--sig", paramLabel = "SIG_FILE", description = "The detached signature. Default: PACKAGE.sig")
    Path signatureFile;

    @Override
    public Integer call() {
        OfflineComponents components = cli.components(global);
        var publicKey = components.publicKeys().read(KeyFiles.read(publicKeyFile, "public key"));
        VerifiedPackage verified = components.verification().verify(
                new VerifyPackageOfflineUseCase.Command(packageFile, Optional.ofNullable(signatureFile), publicKey));
        cli.out().println(global.json
                ? new JsonLine().put("package_hash", verified.packageHash().hex())
                        .put("signer_fingerprint", verified.signerFingerprint().hex())
                        .put("source", verified.origin().label())
                : "Verified " + packageFile + ": signed by " + verified.signerFingerprint().hex() + " (package hash "
                        + verified.packageHash().hex() + ", signature from " + verified.origin().label() + ")");
        return ExitCodes.OK;
    }
}
