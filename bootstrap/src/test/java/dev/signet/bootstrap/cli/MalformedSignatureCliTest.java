package dev.signet.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.bootstrap.support.Cli;
import dev.signet.bootstrap.support.Workspace;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every way compat.md says a .sig file can be malformed ends in MalformedSignature, exit code 7. */
class MalformedSignatureCliTest {
    @TempDir
    Path dir;

    private Cli cli;
    private Workspace.KeyPair signer;
    private Path pkg;
    private Path sig;
    private String valid;

    @BeforeEach
    void signAPackage() throws IOException {
        cli = new Cli(dir.resolve("home"));
        Workspace workspace = new Workspace(dir);
        signer = workspace.keyPair("signer");
        pkg = workspace.file("plugin.so", "a workflow plugin");
        assertThat(cli.run("sign", pkg, "--private-key", signer.privateKeyPem()).exitCode()).isZero();
        sig = dir.resolve("plugin.so.sig");
        valid = Files.readString(sig);
    }

    static Stream<Arguments> malformations() {
        return Stream.of(
                malformed("not JSON", json -> "this is not json"),
                malformed("truncated JSON", json -> json.substring(0, json.length() / 2)),
                malformed("missing field", json -> json.replaceAll("\\s*\"algorithm\": \"ed25519\",", "")),
                malformed("wrong type", json -> json.replace("\"version\": 1", "\"version\": \"1\"")),
                malformed("version 2", json -> json.replace("\"version\": 1", "\"version\": 2")),
                malformed("algorithm rsa", json -> json.replace("\"ed25519\"", "\"rsa\"")),
                malformed("63-character hash",
                        json -> json.replaceAll("(\"package_hash\": \"[0-9a-f]{63})[0-9a-f]\"", "$1\"")),
                malformed("non-base64 signature", json -> json.replaceAll("(\"signature\": \")[^\"]{4}", "$1!!!!")),
                malformed("base64 of 63 bytes", json -> json.replaceAll("(\"signature\": \")[^\"]+\"",
                        "$1" + Base64.getEncoder().encodeToString(new byte[63]) + "\"")),
                malformed("empty file", json -> ""));
    }

    private static Arguments malformed(String name, UnaryOperator<String> mutation) {
        return Arguments.of(name, mutation);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformations")
    void a_malformed_signature_file_exits_7(String name, UnaryOperator<String> mutation) throws IOException {
        String mutated = mutation.apply(valid);
        assertThat(mutated).as("the mutation changed the file").isNotEqualTo(valid);
        Files.writeString(sig, mutated);
        assertMalformed(cli.run("verify", pkg, "--public-key", signer.publicKeyPem()));
    }

    @Test
    void a_100_mb_signature_file_exits_7_without_being_read() throws IOException {
        try (RandomAccessFile huge = new RandomAccessFile(sig.toFile(), "rw")) {
            huge.setLength(100L * 1024 * 1024);
        }
        assertMalformed(cli.run("verify", pkg, "--public-key", signer.publicKeyPem()));
    }

    private static void assertMalformed(Cli.Result result) {
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(7);
        assertThat(result.errLines()).singleElement().asString().startsWith("MalformedSignature: ");
    }
}
