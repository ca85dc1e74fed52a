package dev.signet.bootstrap.support;

import dev.signet.bootstrap.OfflineComponents;
import dev.signet.domain.key.Ed25519PrivateKey;
import dev.signet.domain.key.Ed25519PublicKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Test data builder: packages and key files in a temporary folder. */
public final class Workspace {
    private static final OfflineComponents SIGNET = new OfflineComponents();

    private final Path dir;

    public Workspace(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    public Path file(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    public Path file(String name, byte[] content) throws IOException {
        return Files.write(dir.resolve(name), content);
    }

    /** A fresh key pair written as PKCS#8 PEM (NAME.pem) and SPKI PEM (NAME.pub.pem). */
    public KeyPair keyPair(String name) throws IOException {
        try (Ed25519PrivateKey key = SIGNET.signer().generate()) {
            Path privateKey = Files.write(dir.resolve(name + ".pem"), SIGNET.privateKeys().toPkcs8Pem(key));
            Ed25519PublicKey publicKey = SIGNET.signer().publicKeyOf(key);
            Path publicPem = Files.writeString(dir.resolve(name + ".pub.pem"), SIGNET.publicKeys().toPem(publicKey));
            return new KeyPair(privateKey, publicPem, publicKey);
        }
    }

    public record KeyPair(Path privateKeyPem, Path publicKeyPem, Ed25519PublicKey publicKey) {
    }
}
