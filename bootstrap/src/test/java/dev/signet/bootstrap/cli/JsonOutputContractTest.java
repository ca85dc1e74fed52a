package dev.signet.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.signet.bootstrap.support.Cli;
import dev.signet.bootstrap.support.Keks;
import dev.signet.bootstrap.support.Workspace;
import dev.signet.domain.Hex;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The --json contract of cli.md: every list command prints exactly one JSON array ({@code []} when empty), every
 * other command exactly one JSON object, and a failure prints one JSON object too ({@code error}, {@code
 * message}, {@code exit_code}) on stdout, while stderr still gets the one-line message and the exit code is
 * the same as without --json. Every command of the CLI is run here with --json: a command added to the CLI
 * fails this test until it is added here too.
 */
class JsonOutputContractTest {
    private static final Set<String> LIST_COMMANDS = Set.of("org list", "key list", "trust list", "trust tsa list",
            "audit list", "token list");
    private static final ObjectReader ONE_JSON_VALUE = new ObjectMapper().readerFor(JsonNode.class)
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    @TempDir
    Path dir;

    private final Set<String> covered = new TreeSet<>();
    private Cli cli;

    @Test
    void lists_are_arrays_other_commands_objects_and_failures_error_objects() throws IOException {
        Path kekFile = Keks.ownerOnly(Files.writeString(dir.resolve("kek"), Hex.encode(Keks.randomBytes())));
        cli = new Cli(dir.resolve("home"), Map.of("SIGNET_KEY_ENCRYPTION_KEY_FILE", kekFile.toString()));
        Workspace workspace = new Workspace(dir);

        assertThat(array("org", "list")).isEmpty();
        assertThat(array("audit", "list")).isEmpty();
        String orgId = object("org", "create", "acme").get("id").asText();
        object("org", "create", "other");
        assertThat(array("org", "list")).hasSize(2);
        assertThat(array("key", "list", "--org", "acme")).isEmpty();
        assertThat(array("trust", "list", "--org", "acme")).isEmpty();

        JsonNode key = object("key", "create", "--org", "acme", "--name", "release");
        String keyId = key.get("id").asText();
        String fingerprint = key.get("fingerprint").asText();
        assertThat(array("key", "list", "--org", "acme")).singleElement()
                .satisfies(k -> assertThat(k.get("id").asText()).isEqualTo(keyId));
        Path pem = dir.resolve("release.pem");
        assertThat(object("key", "export", keyId).get("public_key_pem").asText()).startsWith("-----BEGIN PUBLIC KEY");
        object("key", "export", keyId, "--out", pem);
        String trustedId = object("trust", "add", "--org", "acme", "--pem", pem, "--label", "Release").get("id")
                .asText();
        object("trust", "grant", "--parent", "other", "--child", "acme");
        Path tsaCert;
        try (var tsa = new dev.signet.bootstrap.support.tsa.BouncyCastleTsa(dir.resolve("tsa"), "Json")) {
            tsaCert = tsa.caCertificate();
        }
        assertThat(array("trust", "tsa", "list", "--org", "acme")).isEmpty();
        String tsaId = object("trust", "tsa", "add", "--org", "acme", "--pem", tsaCert, "--label", "corp").get("id")
                .asText();
        assertThat(array("trust", "tsa", "list", "--org", "acme")).singleElement()
                .satisfies(t -> assertThat(t.get("subject").asText()).isEqualTo("CN=Json Test CA,O=Signet tests"));
        assertThat(object("trust", "tsa", "revoke", tsaId).get("revoked_at").asText()).isNotEmpty();
        assertThat(object("trust", "explain", "--org", "other", fingerprint).get("trusted_key_id").asText())
                .isEqualTo(trustedId);

        // trust list: one array of the organization's trusted keys and the grants it takes part in, each entry
        // saying which it is
        List<JsonNode> acmeTrust = array("trust", "list", "--org", "acme");
        assertThat(acmeTrust).extracting(entry -> entry.get("kind").asText()).containsExactly("trusted_key", "grant");
        assertThat(acmeTrust.get(0).get("id").asText()).isEqualTo(trustedId);
        assertThat(acmeTrust.get(0).get("fingerprint").asText()).isEqualTo(fingerprint);
        assertThat(acmeTrust.get(1).get("parent_org_id").asText()).isNotEqualTo(orgId);
        assertThat(acmeTrust.get(1).get("child_org_id").asText()).isEqualTo(orgId);

        assertThat(array("token", "list")).isEmpty();
        JsonNode token = object("token", "create", "--org", "acme", "--role", "signer", "--key", keyId, "--name", "ci");
        assertThat(token.get("token").asText()).startsWith("signet_");
        assertThat(array("token", "list", "--org", "acme")).singleElement()
                .satisfies(t -> assertThat(t.has("token")).as("a listing never shows the secret").isFalse());
        assertThat(object("token", "revoke", token.get("id").asText()).get("revoked_at").asText()).isNotBlank();

        Path pkg = workspace.file("plugin.so", "a workflow plugin");
        assertThat(object("sign", pkg, "--key", keyId).get("key_fingerprint").asText()).isEqualTo(fingerprint);
        assertThat(object("verify", pkg, "--org", "acme").get("signer_fingerprint").asText()).isEqualTo(fingerprint);
        assertThat(object("verify", pkg, "--public-key", pem).get("source").asText()).isEqualTo("file");
        assertThat(object("load", pkg, "--org", "acme", "--out", dir.resolve("loaded.so"))
                .get("signature_verified").asText()).isEqualTo("true");
        Workspace.KeyPair offline = workspace.keyPair("offline");
        Path offlinePkg = workspace.file("offline.so", "signed offline");
        object("sign", offlinePkg, "--private-key", offline.privateKeyPem());

        List<JsonNode> records = array("audit", "list");
        assertThat(records).isNotEmpty().allSatisfy(record -> assertThat(record.has("position")).isTrue());
        assertThat(array("audit", "list", "--type", "no.such.event")).isEmpty();
        assertThat(object("audit", "verify").get("whole").asText()).isEqualTo("true");
        Path checkpoint = dir.resolve("checkpoint.json");
        assertThat(object("audit", "checkpoint", "--audit-key", keyId, "--out", checkpoint).get("key_id").asText())
                .isEqualTo(keyId);
        object("audit", "verify", "--checkpoint", checkpoint);

        Path nextKek = Keks.ownerOnly(Files.writeString(dir.resolve("next-kek"), Hex.encode(Keks.randomBytes())));
        object("kek", "rotate", "--new-kek-file", nextKek);
        cli = new Cli(dir.resolve("home"), Map.of("SIGNET_KEY_ENCRYPTION_KEY_FILE", nextKek.toString()));
        object("trust", "ungrant", "--parent", "other", "--child", "acme");
        object("trust", "revoke", trustedId);
        object("key", "revoke", keyId);
        object("quickstart");

        // each class of exit code, under --json
        error(1, "NotFound", "key", "list", "--org", "nobody");
        error(1, null, "kek", "create", "--pkcs11-label", "audit-kek");
        error(1, null, "key", "import", "--org", "acme", "--name", "hsm", "--pkcs11-label", "nothing");
        error(2, "UsageError", "audit", "list", "--since", "yesterday");
        error(2, "UsageError", "org", "list", "--no-such-option");
        error(2, "UsageError", "org", "create");
        error(2, "UsageError", "serve", "--listen", "0.0.0.0:0");
        error(2, "UsageError", "token", "create", "--org", "acme", "--role", "owner");
        error(4, "UntrustedSigner", "verify", pkg, "--org", "acme");
        error(6, "SignatureNotFound", "verify", workspace.file("unsigned.so", "no signature"),
                "--public-key", offline.publicKeyPem());
        error(7, "MalformedSignature", "verify", workspace.file("bad.so", "bad"), "--public-key",
                offline.publicKeyPem(), "--sig", workspace.file("bad.so.sig", "not json"));
        String sig = Files.readString(Path.of(offlinePkg + ".sig"));
        String signature = sig.replaceAll("(?s).*\"signature\": \"([^\"]+)\".*", "$1");
        byte[] flipped = Base64.getDecoder().decode(signature);
        flipped[0] ^= 1;
        Files.writeString(Path.of(offlinePkg + ".sig"), sig.replace(signature, Base64.getEncoder().encodeToString(flipped)));
        error(5, "InvalidSignature", "verify", offlinePkg, "--public-key", offline.publicKeyPem());
        Files.writeString(offlinePkg, "tampered");
        error(3, "TamperedPackage", "verify", offlinePkg, "--public-key", offline.publicKeyPem());

        assertThat(covered).as("every command of the CLI is run with --json here")
                .containsAll(CommandTree.leafCommands().stream().filter(command -> !command.equals("help")).toList());
    }

    private List<JsonNode> array(Object... args) {
        JsonNode json = json(0, args);
        assertThat(json.isArray()).as("a JSON array from %s", List.of(args)).isTrue();
        assertThat(LIST_COMMANDS).as("only list commands print arrays").contains(commandOf(args));
        List<JsonNode> items = new ArrayList<>();
        json.forEach(item -> {
            assertThat(item.isObject()).as("each item an object").isTrue();
            items.add(item);
        });
        return items;
    }

    private JsonNode object(Object... args) {
        JsonNode json = json(0, args);
        assertThat(json.isObject()).as("a JSON object from %s", List.of(args)).isTrue();
        assertThat(LIST_COMMANDS).as("list commands print arrays").doesNotContain(commandOf(args));
        return json;
    }

    private void error(int exitCode, String errorName, Object... args) {
        JsonNode json = json(exitCode, args);
        assertThat(json.isObject()).as("an error object from %s", List.of(args)).isTrue();
        assertThat(json.get("exit_code").isInt()).isTrue();
        assertThat(json.get("exit_code").asInt()).isEqualTo(exitCode);
        if (errorName != null) {
            assertThat(json.get("error").asText()).isEqualTo(errorName);
        }
        assertThat(json.get("message").asText()).isNotBlank();
    }

    /** Runs with --json appended, checks the exit code and stderr, and parses stdout as exactly one JSON value. */
    private JsonNode json(int exitCode, Object... args) {
        Object[] withJson = java.util.Arrays.copyOf(args, args.length + 1);
        withJson[args.length] = "--json";
        Cli.Result result = cli.run(withJson);
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(exitCode);
        if (exitCode == 0) {
            assertThat(result.err()).as(result.toString()).isEmpty();
        } else {
            assertThat(result.errLines()).as(result.toString()).singleElement().asString().doesNotStartWith("{");
        }
        assertThat(result.out().lines()).as("one line: " + result).hasSize(1);
        covered.add(commandOf(args));
        try {
            JsonNode json = ONE_JSON_VALUE.readValue(result.out());
            if (exitCode != 0) {
                String errorName = json.get("error").asText();
                assertThat(result.err()).as("stderr names the same error").startsWith(errorName + ": ");
            }
            return json;
        } catch (IOException e) {
            throw new AssertionError("stdout is not one JSON value: " + result, e);
        }
    }

    private static String commandOf(Object... args) {
        String first = String.valueOf(args[0]);
        if (first.equals("trust") && String.valueOf(args[1]).equals("tsa")) {
            return "trust tsa " + args[2]; // the one group within a group
        }
        return Set.of("org", "key", "trust", "kek", "audit", "token").contains(first) ? first + " " + args[1] : first;
    }
}
