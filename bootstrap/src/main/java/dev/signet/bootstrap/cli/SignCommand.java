package dev.signet.bootstrap.cli;

import dev.signet.application.port.in.SignPackageOfflineUseCase;
import dev.signet.bootstrap.OfflineComponents;
import dev.signet.domain.key.Ed25519PrivateKey;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "sign", description = "Sign a package and write its detached signature (PACKAGE.sig unless --out).")
final class SignCommand implements Callable<Integer> {
    @ParentCommand
    SignetCli cli;

    @Mixin
    GlobalOptions global;

    @Parameters(paramLabel = "PACKAGE", description = "The package file to sign.")
    Path packageFile;

    @Option(names = "--private-key", paramLabel = "FILE", required = true,
            description = "Offline signing: an Ed25519 private key in PKCS#8 PEM (as `openssl genpkey -algorithm ed25519` writes).")
    Path privateKeyFile;

    @Option(names = "--out", paramLabel = "SIG_FILE", description = "Where to write the signature. Default: PACKAGE.sig")
    Path signatureFile;

    @Override
    public Integer call() {
        OfflineComponents components = cli.components(global);
        byte[] pem = KeyFiles.read(privateKeyFile, "private key");
        SignPackageOfflineUseCase.SignedPackage signed;
        try (Ed25519PrivateKey key = components.privateKeys().read(pem)) {
            signed = components.signing().sign(
                    new SignPackageOfflineUseCase.Command(packageFile, key, Optional.ofNullable(signatureFile)));
        } finally {
            Arrays.fill(pem, (byte) 0);
        }
        var signature = signed.signature();
        cli.out().println(global.json
                ? new JsonLine().put("package_hash", signature.packageHash().hex())
                        .put("key_fingerprint", signature.keyFingerprint().hex())
                        .put("signature", signature.signature().base64())
                        .put("signature_file", signed.signatureFile())
                : "Signed " + packageFile + " with key " + signature.keyFingerprint().hex() + ": wrote "
                        + signed.signatureFile());
        return ExitCodes.OK;
    }
}
