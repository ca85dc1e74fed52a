package dev.signet.bootstrap.cli;

import dev.signet.bootstrap.KeyManager;
import dev.signet.bootstrap.Signet;
import dev.signet.domain.key.KeyFingerprint;
import dev.signet.domain.time.TimeBasis;
import dev.signet.domain.trust.ValidityWindow;
import dev.signet.domain.trust.TrustAcl;
import dev.signet.domain.trust.TrustDeny;
import dev.signet.domain.trust.TrustExplanation;
import dev.signet.domain.trust.TrustPath;
import dev.signet.domain.verification.UntrustedSigner;
import dev.signet.domain.trust.TrustedKey;
import dev.signet.domain.trust.TrustedKeyId;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(mixinStandardHelpOptions = true, name = "trust", description = "Trusted public keys and trust grants between organizations.",
        subcommands = {TrustCommand.Add.class, TrustCommand.ListTrusted.class, TrustCommand.Revoke.class,
                TrustCommand.Grant.class, TrustCommand.Ungrant.class, TrustCommand.Explain.class, TsaTrustCommand.class})
final class TrustCommand extends CommandGroup {

    static JsonLine json(TrustedKey key) {
        return new JsonLine().put("id", key.id()).put("org_id", key.organizationId())
                .put("fingerprint", key.fingerprint().hex()).put("label", key.label().orElse(""))
                .put("added_at", key.addedAt()).put("revoked_at", key.revokedAt().map(Object::toString).orElse(""))
                .put("revocation_reason", key.revocation().map(r -> r.reason().label()).orElse(""))
                .put("revocation_effective_at", key.revocation().map(r -> r.effectiveAt().toString()).orElse(""))
                .put("not_before", key.validity().notBefore().map(Object::toString).orElse(""))
                .put("not_after", key.validity().notAfter().map(Object::toString).orElse(""));
    }

    static JsonLine json(TrustAcl acl) {
        return new JsonLine().put("parent_org_id", acl.parent()).put("child_org_id", acl.child())
                .put("granted_at", acl.grantedAt()).put("revoked_at", acl.revokedAt().map(Object::toString).orElse(""));
    }

    @Command(name = "add", description = "Trust a public key for an organization; prints the trusted key's id.")
    static final class Add extends StoreSubcommand {
        @Option(names = "--org", paramLabel = "ORG", required = true, description = "Organization id or name.")
        String org;

        @ArgGroup(exclusive = true, multiplicity = "1")
        KeySource key;

        @Option(names = "--label", paramLabel = "LABEL", description = "A name for people, e.g. \"Release Key\".")
        String label;

        @Option(names = "--not-before", paramLabel = "TIME",
                description = "The key counts only for signatures judged at or after TIME (ISO-8601 instant).")
        Instant notBefore;

        @Option(names = "--not-after", paramLabel = "TIME",
                description = "The key counts only for signatures judged at or before TIME (ISO-8601 instant): a "
                        + "package timestamped before it keeps verifying after it.")
        Instant notAfter;

        @Spec
        CommandSpec spec;

        static final class KeySource {
            @Option(names = "--pem", paramLabel = "FILE", description = "The public key as PEM (or 32 raw bytes).")
            Path pem;

            @Option(names = "--hex", paramLabel = "HEX", converter = OptionValues.PublicKeyHex.class,
                    description = "The public key as 64 hex characters.")
            String hex;
        }

        @Override
        public Integer call() {
            if (notBefore != null && notAfter != null && notAfter.isBefore(notBefore)) {
                throw new ParameterException(spec.commandLine(), "--not-after (" + notAfter
                        + ") is before --not-before (" + notBefore + ")");
            }
            ValidityWindow validity = new ValidityWindow(Optional.ofNullable(notBefore), Optional.ofNullable(notAfter));
            byte[] encoded = key.pem != null ? KeyFiles.read(key.pem, "public key")
                    : key.hex.getBytes(StandardCharsets.US_ASCII);
            try (Signet signet = openSignet()) {
                KeyManager keys = signet.keyManager();
                TrustedKey trusted = keys.trustPublicKey(keys.organization(org).id(), encoded, label, validity);
                output().print(trusted.id().toString(), json(trusted));
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "list", description = "List an organization's trusted keys and trust grants, revoked ones included.")
    static final class ListTrusted extends StoreSubcommand {
        @Option(names = "--org", paramLabel = "ORG", required = true, description = "Organization id or name.")
        String org;

        @Override
        public Integer call() {
            try (Signet signet = openSignet()) {
                KeyManager keys = signet.keyManager();
                var id = keys.organization(org).id();
                var trusted = keys.listTrustedKeys(id);
                var acls = keys.listTrustAcls(id);
                // one list, trusted keys first, as the text prints them; each JSON entry says which it is
                List<Entry> entries = Stream.concat(
                        trusted.stream().map(k -> new Entry("key " + k.id() + " " + k.fingerprint().hex()
                                + k.label().map(l -> " \"" + l + "\"").orElse("")
                                + (k.validity().isBounded() ? " " + k.validity().describe() : "")
                                + k.revokedAt().map(at -> " revoked " + at).orElse("")
                                + RevocationOptions.describe(k.revocation()),
                                new JsonLine().put("kind", "trusted_key").putAll(json(k)))),
                        acls.stream().map(a -> new Entry("grant " + a.parent() + " -> " + a.child()
                                + a.revokedAt().map(at -> " revoked " + at).orElse(""),
                                new JsonLine().put("kind", "grant").putAll(json(a))))).toList();
                output().printList(entries, Entry::text, Entry::json);
            }
            return ExitCodes.OK;
        }

        private record Entry(String text, JsonLine json) {
        }
    }

    @Command(name = "revoke", description = {"Stop trusting a key. Signatures without a trusted timestamp fail from now on,",
            "old ones too; so do those timestamped at or after the revocation took effect (now, or --effective for",
            "a compromise). Revoking a revoked key again only widens it: compromised, effective no later."})
    static final class Revoke extends StoreSubcommand {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "TRUSTED_KEY_ID")
        TrustedKeyId trustedKeyId;

        @Mixin
        RevocationOptions revocation;

        @Override
        public Integer call() {
            revocation.validate(spec);
            try (Signet signet = openSignet()) {
                TrustedKey key = signet.keyManager().revokeTrustedKey(trustedKeyId, revocation.reason,
                        Optional.ofNullable(revocation.effective));
                output().print("revoked " + key.id() + RevocationOptions.describe(key.revocation()), json(key));
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "grant", description = "Make PARENT trust every key CHILD trusts.")
    static final class Grant extends StoreSubcommand {
        @Option(names = "--parent", paramLabel = "ORG", required = true)
        String parentOrg;

        @Option(names = "--child", paramLabel = "ORG", required = true)
        String childOrg;

        @Override
        public Integer call() {
            try (Signet signet = openSignet()) {
                KeyManager keys = signet.keyManager();
                TrustAcl acl = keys.grantTrust(keys.organization(parentOrg).id(), keys.organization(childOrg).id());
                output().print("granted " + acl.parent() + " -> " + acl.child(), json(acl));
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "ungrant", description = "Revoke PARENT's grant to CHILD.")
    static final class Ungrant extends StoreSubcommand {
        @Option(names = "--parent", paramLabel = "ORG", required = true)
        String parentOrg;

        @Option(names = "--child", paramLabel = "ORG", required = true)
        String childOrg;

        @Override
        public Integer call() {
            try (Signet signet = openSignet()) {
                KeyManager keys = signet.keyManager();
                var parentId = keys.organization(parentOrg).id();
                var childId = keys.organization(childOrg).id();
                keys.revokeTrust(parentId, childId);
                output().print("revoked grant " + parentId + " -> " + childId,
                        new JsonLine().put("parent_org_id", parentId).put("child_org_id", childId)
                                .put("revoked", "true"));
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "explain", description = "Say why an organization trusts a key (org -> child -> key), or that it does not.")
    static final class Explain extends StoreSubcommand {
        @Option(names = "--org", paramLabel = "ORG", required = true, description = "Organization id or name.")
        String org;

        @Parameters(paramLabel = "FINGERPRINT", converter = OptionValues.FingerprintHex.class,
                description = "The key's fingerprint, 64 hex characters.")
        String fingerprint;

        @Option(names = "--at", paramLabel = "TIME",
                description = "Explain for a signature whose trusted (TSA) time is TIME, an ISO-8601 instant. "
                        + "Default: a signature without a trusted time, judged now.")
        Instant at;

        @Override
        public Integer call() {
            KeyFingerprint key = KeyFingerprint.fromHex(fingerprint);
            try (Signet signet = openSignet()) {
                var organization = signet.keyManager().organization(org).id();
                var explained = signet.verifier().trustExplanation(organization, key, Optional.ofNullable(at));
                TrustExplanation explanation = explained.explanation();
                TimeBasis basis = explained.timeBasis();
                if (explanation instanceof TrustExplanation.Denied denied) {
                    throw new UntrustedSigner(key, "is not trusted by organization " + organization + ": denied: "
                            + denied.denies().stream().map(TrustDeny::describe).collect(Collectors.joining("; "))
                            + " (the path " + denied.blockedPath().describe() + " does not count while a deny stands on it)",
                            basis);
                }
                if (explanation instanceof TrustExplanation.OutsideValidity outside) {
                    throw new UntrustedSigner(key, "is not trusted by organization " + organization + ": the path "
                            + outside.path().describe() + " ends at trusted key " + outside.path().trustedKey().id()
                            + ", " + outside.path().trustedKey().validity().describe() + ", and no other path counts at "
                            + outside.time(), basis);
                }
                TrustPath path = explanation.trustPath().orElseThrow(() -> new UntrustedSigner(key,
                        "is not trusted by organization " + organization + ": no active trusted key of it or of any "
                                + "organization it grants trust to has this fingerprint", basis));
                output().print(path.describe() + " (time basis: " + basis.describe() + ")",
                        new JsonLine().put("org_id", organization)
                        .put("fingerprint", key.hex()).put("path", path.describe())
                        .put("trusted_key_id", path.trustedKey().id())
                        .putObject("time_basis", TimeBasisJson.of(basis)));
            }
            return ExitCodes.OK;
        }
    }
}
