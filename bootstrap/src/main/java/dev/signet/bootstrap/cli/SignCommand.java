package dev.signet.bootstrap.cli;

import dev.signet.application.port.in.SignPackageOfflineUseCase;
import dev.signet.application.service.SignatureSidecar;
import dev.signet.bootstrap.OfflineComponents;
import dev.signet.bootstrap.Signet;
import dev.signet.domain.key.KeyId;
import dev.signet.domain.signature.PackageSignature;
import dev.signet.domain.key.Ed25519PrivateKey;
import dev.signet.domain.key.Ed25519PublicKey;
import dev.signet.domain.key.KeyFingerprint;
import dev.signet.domain.signature.PackageHash;
import dev.signet.domain.verification.InvalidSignature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.net.URI;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "sign", description = {"Sign a package and write its detached signature (PACKAGE.sig unless --out),",
        "with a stored key (--key) or offline with a private key file (--private-key)."})
final class SignCommand implements Callable<Integer> {
    @ParentCommand
    SignetCli cli;

    @Mixin
    GlobalOptions global;

    @Parameters(paramLabel = "PACKAGE", description = "The package file to sign.")
    Path packageFile;

    @ArgGroup(exclusive = true, multiplicity = "1")
    KeyChoice key;

    @Mixin
    StoreOptions store;

    static final class KeyChoice {
        @Option(names = "--key", paramLabel = "KEY_ID", description = "Sign with a signing key kept by Signet.")
        KeyId keyId;

        @Option(names = "--private-key", paramLabel = "FILE",
                description = "Offline signing: an Ed25519 private key in PKCS#8 PEM (as `openssl genpkey -algorithm ed25519` writes).")
        Path privateKeyFile;
    }

    @Mixin
    ServerOptions server;

    @Option(names = "--no-store", description = "With --key: do not record the signature in the database.")
    boolean noStore;

    @Option(names = "--out", paramLabel = "SIG_FILE", description = "Where to write the signature. Default: PACKAGE.sig")
    Path signatureFile;

    @Option(names = "--tsa-url", paramLabel = "URL",
            description = "Timestamp the signature at this RFC 3161 TSA (http or https). Default: $SIGNET_TSA_URL, else none.")
    URI tsaUrl;

    @Override
    public Integer call() {
        Path target = signatureFile != null ? signatureFile : SignatureSidecar.defaultFor(packageFile);
        PackageSignature signature = server.given() ? signThroughServer(target)
                : key.keyId != null ? signWithStoredKey(target) : signWithPrivateKeyFile(target);
        cli.output(global).print("Signed " + packageFile + " with key " + signature.keyFingerprint().hex() + ": wrote "
                + target, new JsonLine().put("package_hash", signature.packageHash().hex())
                        .put("key_fingerprint", signature.keyFingerprint().hex())
                        .put("signature", signature.signature().base64())
                        .put("signed_at", signature.signedAt())
                        .put("timestamped", Boolean.toString(signature.timestampToken().isPresent()))
                        .put("signature_file", target));
        return ExitCodes.OK;
    }

    /** --tsa-url, else SIGNET_TSA_URL (empty means none). */
    private Optional<URI> tsa() {
        return TsaUrls.resolve(tsaUrl, cli.environment());
    }

    private PackageSignature signWithStoredKey(Path target) {
        try (Signet signet = cli.openSignetWithKek(global, store)) {
            // The file is written inside the signing, so a failed write is audited as a failed signing.
            return signet.packageSigner()
                    .signPackageWithDbKey(packageFile, key.keyId, !noStore, target, tsa()).signature();
        }
    }

    /**
     * Hashes the package here, sends only the hash, and writes the answered signature only once it verifies under the
     * key's public key (fetched from the service) over this package's hash: a service or a network that answers
     * with anything else never gets a .sig written.
     */
    private PackageSignature signThroughServer(Path target) {
        if (key.keyId == null) {
            throw new IllegalArgumentException("--server signs with a key the service keeps: give --key KEY_ID");
        }
        OfflineComponents components = cli.components(global);
        components.signatureFiles().checkTarget(target, packageFile);
        PackageHash hash = components.hasher().hash(packageFile);
        ServiceClient client = ServiceClient.from(server, cli.environment(), cli.allowInsecureSecretFiles(store));
        byte[] answered = client.sign(key.keyId, hash, packageFile.getFileName().toString(), !noStore);
        Ed25519PublicKey publicKey = components.publicKeys().read(client.publicKeyPem(key.keyId));
        PackageSignature signature = decode(components, answered);
        if (!signature.packageHash().equals(hash)) {
            // the service signed another hash than this package's: nothing is written
            throw new InvalidSignature(signature.keyFingerprint());
        }
        if (!signature.keyFingerprint().equals(KeyFingerprint.of(publicKey))
                || !components.verifier().verify(publicKey, signature.signedMessage(), signature.signature())) {
            // not under the key's public key: nothing is written
            throw new InvalidSignature(signature.keyFingerprint());
        }
        components.signatureFiles().write(target, signature);
        return signature;
    }

    private static PackageSignature decode(OfflineComponents components, byte[] sigFile) {
        try {
            Path dir = Files.createTempDirectory("signet-sig");
            Path file = dir.resolve("answer.sig");
            try {
                Files.write(file, sigFile);
                return components.signatureFiles().read(file);
            } finally {
                Files.deleteIfExists(file);
                Files.deleteIfExists(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stage the service's answer", e);
        }
    }

    private PackageSignature signWithPrivateKeyFile(Path target) {
        OfflineComponents components = cli.components(global);
        byte[] pem = KeyFiles.read(key.privateKeyFile, "private key");
        try (Ed25519PrivateKey privateKey = components.privateKeys().read(pem)) {
            return components.signing()
                    .sign(new SignPackageOfflineUseCase.Command(packageFile, privateKey, Optional.of(target), tsa()))
                    .signature();
        } finally {
            Arrays.fill(pem, (byte) 0);
        }
    }
}
