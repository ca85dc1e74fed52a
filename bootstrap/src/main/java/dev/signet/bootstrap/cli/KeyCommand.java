package dev.signet.bootstrap.cli;

import dev.signet.application.port.in.ManageSigningKeysUseCase.PublicKeyExport;
import dev.signet.bootstrap.KeyManager;
import dev.signet.bootstrap.Signet;
import dev.signet.domain.key.KeyId;
import dev.signet.domain.key.SigningKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(mixinStandardHelpOptions = true, name = "key", description = "Signing keys: create, list, export the public half, revoke.",
        subcommands = {KeyCommand.Create.class, KeyCommand.Import.class, KeyCommand.ListKeys.class,
                KeyCommand.Export.class, KeyCommand.Revoke.class})
final class KeyCommand extends CommandGroup {

    enum Backend { SOFTWARE, PKCS11 }

    static JsonLine json(SigningKey key) {
        return new JsonLine().put("id", key.id()).put("org_id", key.organizationId()).put("name", key.name())
                .put("fingerprint", key.fingerprint().hex()).put("backend", key.custody().kind())
                .put("created_at", key.createdAt())
                .put("revoked_at", key.revokedAt().map(Object::toString).orElse(""))
                .put("revocation_reason", key.revocation().map(r -> r.reason().label()).orElse(""))
                .put("revocation_effective_at", key.revocation().map(r -> r.effectiveAt().toString()).orElse(""));
    }

    @Command(name = "create", description = "Create a signing key; prints \"<key-id> <fingerprint>\".")
    static final class Create extends StoreSubcommand {
        @Option(names = "--org", paramLabel = "ORG", required = true, description = "Organization id or name.")
        String org;

        @Option(names = "--name", paramLabel = "NAME", required = true, description = "Key name, e.g. release-key-v1.")
        String name;

        @Option(names = "--backend", paramLabel = "BACKEND", defaultValue = "SOFTWARE",
                description = "Where the private key lives: ${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}")
        Backend backend;

        @Override
        public Integer call() {
            try (Signet signet = backend == Backend.PKCS11 ? openSignet() : openSignetWithKek()) {
                KeyManager keys = signet.keyManager();
                var organization = keys.organization(org).id();
                SigningKey key = backend == Backend.PKCS11 ? keys.createHsmSigningKey(organization, name)
                        : keys.createSigningKey(organization, name);
                output().print(key.id() + " " + key.fingerprint().hex(), json(key));
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "import", description = "Adopt an Ed25519 key pair made in the PKCS#11 token by another tool "
            + "(e.g. pkcs11-tool --keypairgen --key-type EC:edwards25519), found by its label.")
    static final class Import extends StoreSubcommand {
        @Option(names = "--org", paramLabel = "ORG", required = true, description = "Organization id or name.")
        String org;

        @Option(names = "--name", paramLabel = "NAME", required = true, description = "Key name in Signet.")
        String name;

        @Option(names = "--pkcs11-label", paramLabel = "LABEL", required = true,
                description = "The key pair's CKA_LABEL in the token.")
        String label;

        @Override
        public Integer call() {
            try (Signet signet = openSignet()) {
                KeyManager keys = signet.keyManager();
                SigningKey key = keys.importHsmSigningKey(keys.organization(org).id(), name, label);
                output().print(key.id() + " " + key.fingerprint().hex(), json(key));
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "list", description = "List an organization's signing keys, revoked ones included.")
    static final class ListKeys extends StoreSubcommand {
        @Option(names = "--org", paramLabel = "ORG", required = true, description = "Organization id or name.")
        String org;

        @Override
        public Integer call() {
            try (Signet signet = openSignet()) {
                KeyManager keys = signet.keyManager();
                output().printList(keys.listSigningKeys(keys.organization(org).id()),
                        key -> key.id() + " " + key.fingerprint().hex() + " " + key.name() + " "
                                + key.custody().kind() + key.revokedAt().map(at -> " revoked " + at).orElse("")
                                + RevocationOptions.describe(key.revocation()),
                        KeyCommand::json);
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "export", description = "Print a signing key's public key as PEM (SPKI, \"PUBLIC KEY\").")
    static final class Export extends StoreSubcommand {
        @Parameters(paramLabel = "KEY_ID")
        KeyId keyId;

        @Option(names = "--out", paramLabel = "FILE", description = "Write the PEM to FILE instead of printing it.")
        Path out;

        @Override
        public Integer call() throws IOException {
            if (out != null) {
                OutputFiles.requireReplaceable(out, "--out"); // before anything is done: a FIFO would block
            }
            try (Signet signet = openSignet()) {
                PublicKeyExport export = signet.keyManager().exportPublicKey(keyId);
                if (out != null) {
                    OutputFiles.writeAtomically(out, "--out", export.publicKeyPem().getBytes(StandardCharsets.US_ASCII));
                }
                String pem = export.publicKeyPem().stripTrailing();
                output().print(out != null ? "wrote " + out : pem,
                        new JsonLine().put("key_id", export.keyId()).put("fingerprint", export.fingerprint().hex())
                                .put("public_key_pem", export.publicKeyPem()));
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "revoke", description = "Revoke a signing key: it signs no more, whatever the reason; its old "
            + "signatures still verify while its public key stays trusted (revoke that with `trust revoke`).")
    static final class Revoke extends StoreSubcommand {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "KEY_ID")
        KeyId keyId;

        @Mixin
        RevocationOptions revocation;

        @Override
        public Integer call() {
            revocation.validate(spec);
            try (Signet signet = openSignet()) {
                SigningKey key = signet.keyManager().revokeSigningKey(keyId, revocation.reason,
                        Optional.ofNullable(revocation.effective));
                output().print("revoked " + key.id() + RevocationOptions.describe(key.revocation()), json(key));
            }
            return ExitCodes.OK;
        }
    }
}
