package dev.signet.adapters.oidc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signet.domain.key.KeyId;
import dev.signet.domain.organization.OrganizationId;
import dev.signet.domain.principal.CertificateRule;
import dev.signet.domain.principal.ClaimRule;
import dev.signet.domain.principal.Role;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads the identity configuration of {@code signet serve --identity-config FILE} (docs/security.md):
 *
 * <pre>
 * {
 *   "oidc_providers": [{
 *     "issuer": "https://token.actions.githubusercontent.com",
 *     "audience": "signet",
 *     "jwks_url": "https://token.actions.githubusercontent.com/.well-known/jwks",   (or "jwks_file": "path")
 *     "algorithms": ["RS256"],                                                       (optional: RS256, ES256)
 *     "rules": [{ "claims": {"repository": "acme/app", "ref": "refs/tags/v*"},
 *                 "org": "ORG_ID or NAME", "role": "signer", "keys": ["KEY_ID"] }]
 *   }],
 *   "client_certificates": [{ "subject": "CN=release-bot,O=Acme", "san": "DNS:bot.acme.example",
 *                             "org": "ORG_ID or NAME", "role": "signer", "keys": [] }]
 * }
 * </pre>
 *
 * Every error names the field it is about ({@code oidc_providers[0].rules[1].role}); unknown fields are errors, so a
 * misspelt rule never silently admits more than meant. A relative {@code jwks_file} is relative to the
 * configuration file. A {@code jwks_url} is https, or http on a loopback address only.
 */
public final class IdentityConfigFile {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);

    private IdentityConfigFile() {
    }

    /** Reads a configuration whose {@code org} fields are organization ids (UUIDs). */
    public static IdentityConfig read(Path file) {
        return read(file, IdentityConfigFile::idOnly);
    }

    /**
     * Reads a configuration whose {@code org} fields are organization ids or names, resolved once, here, by
     * {@code organizations} (which throws, with a one-line message, for a name that is unknown or ambiguous).
     */
    public static IdentityConfig read(Path file, Function<String, OrganizationId> organizations) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new InvalidIdentityConfig("cannot read the identity configuration " + file + ": " + e);
        }
        return parse(text, file.toAbsolutePath().getParent(), file.toString(), organizations);
    }

    static IdentityConfig parse(String text, Path baseDirectory, String name) {
        return parse(text, baseDirectory, name, IdentityConfigFile::idOnly);
    }

    static IdentityConfig parse(String text, Path baseDirectory, String name,
            Function<String, OrganizationId> organizations) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new InvalidIdentityConfig(name + " is not JSON: " + e.getOriginalMessage() + " (line "
                    + e.getLocation().getLineNr() + ")");
        }
        Reader reader = new Reader(name, baseDirectory, organizations);
        return reader.config(root);
    }

    private static OrganizationId idOnly(String org) {
        try {
            return OrganizationId.parse(org);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("must be an organization id (a UUID, see `signet org list`), got " + org);
        }
    }

    private record Reader(String name, Path baseDirectory, Function<String, OrganizationId> organizations) {
        IdentityConfig config(JsonNode root) {
            if (root == null || !root.isObject()) {
                throw error("", "must be a JSON object");
            }
            onlyFields(root, "", "oidc_providers", "client_certificates");
            List<OidcProvider> providers = new ArrayList<>();
            Set<String> issuers = new HashSet<>();
            JsonNode providerNodes = array(root, "", "oidc_providers");
            for (int i = 0; i < providerNodes.size(); i++) {
                OidcProvider provider = provider(providerNodes.get(i), "oidc_providers[" + i + "]");
                if (!issuers.add(provider.issuer())) {
                    throw error("oidc_providers[" + i + "].issuer", "names issuer " + provider.issuer() + " again");
                }
                providers.add(provider);
            }
            List<CertificateRule> certificates = new ArrayList<>();
            JsonNode certificateNodes = array(root, "", "client_certificates");
            for (int i = 0; i < certificateNodes.size(); i++) {
                certificates.add(certificateRule(certificateNodes.get(i), "client_certificates[" + i + "]"));
            }
            return new IdentityConfig(providers, certificates);
        }

        private OidcProvider provider(JsonNode node, String at) {
            object(node, at);
            onlyFields(node, at, "issuer", "audience", "jwks_url", "jwks_file", "algorithms", "rules");
            String issuer = text(node, at, "issuer");
            String audience = text(node, at, "audience");
            JwksLocation jwks;
            if (node.has("jwks_url") == node.has("jwks_file")) {
                throw error(at, "needs exactly one of jwks_url and jwks_file");
            } else if (node.has("jwks_url")) {
                jwks = new JwksLocation.Url(jwksUrl(text(node, at, "jwks_url"), at + ".jwks_url"));
            } else {
                Path path = Path.of(text(node, at, "jwks_file"));
                jwks = new JwksLocation.File(path.isAbsolute() || baseDirectory == null ? path : baseDirectory.resolve(path));
            }
            Set<String> algorithms = new LinkedHashSet<>(OidcProvider.DEFAULT_ALGORITHMS);
            if (node.has("algorithms")) {
                algorithms = new LinkedHashSet<>(texts(node, at, "algorithms"));
                for (String algorithm : algorithms) {
                    if (!OidcProvider.ACCEPTABLE_ALGORITHMS.contains(algorithm)) {
                        throw error(at + ".algorithms", algorithm + " is not accepted: only asymmetric JWS "
                                + "algorithms (RS*, PS*, ES*, EdDSA), never none or HS*");
                    }
                }
                if (algorithms.isEmpty()) {
                    throw error(at + ".algorithms", "must name at least one algorithm");
                }
            }
            List<ClaimRule> rules = new ArrayList<>();
            JsonNode ruleNodes = array(node, at, "rules");
            if (ruleNodes.isEmpty()) {
                throw error(at + ".rules", "must hold at least one rule: an issuer without rules admits no one");
            }
            for (int i = 0; i < ruleNodes.size(); i++) {
                rules.add(claimRule(ruleNodes.get(i), at + ".rules[" + i + "]"));
            }
            return new OidcProvider(issuer, audience, jwks, algorithms, rules);
        }

        private ClaimRule claimRule(JsonNode node, String at) {
            object(node, at);
            onlyFields(node, at, "claims", "org", "role", "keys");
            JsonNode claimNodes = node.get("claims");
            if (claimNodes == null || !claimNodes.isObject() || claimNodes.isEmpty()) {
                throw error(at + ".claims", "must be an object naming at least one claim and its value");
            }
            Map<String, String> claims = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = claimNodes.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> claim = it.next();
                if (!claim.getValue().isTextual() || claim.getValue().asText().isEmpty()) {
                    throw error(at + ".claims." + claim.getKey(), "must be a non-empty string");
                }
                claims.put(claim.getKey(), claim.getValue().asText());
            }
            return new ClaimRule(claims, org(node, at), role(node, at), keys(node, at));
        }

        private CertificateRule certificateRule(JsonNode node, String at) {
            object(node, at);
            onlyFields(node, at, "subject", "san", "org", "role", "keys");
            Optional<String> subject = node.has("subject") ? Optional.of(text(node, at, "subject")) : Optional.empty();
            Optional<String> san = node.has("san") ? Optional.of(text(node, at, "san")) : Optional.empty();
            if (subject.isEmpty() && san.isEmpty()) {
                throw error(at, "needs a subject, a san, or both");
            }
            return new CertificateRule(subject, san, org(node, at), role(node, at), keys(node, at));
        }

        private OrganizationId org(JsonNode node, String at) {
            String org = text(node, at, "org");
            try {
                return organizations.apply(org);
            } catch (RuntimeException e) {
                throw error(at + ".org", e.getMessage());
            }
        }

        private Role role(JsonNode node, String at) {
            try {
                return Role.fromWireName(text(node, at, "role"));
            } catch (IllegalArgumentException e) {
                throw error(at + ".role", e.getMessage());
            }
        }

        private Set<KeyId> keys(JsonNode node, String at) {
            Set<KeyId> keys = new LinkedHashSet<>();
            if (node.has("keys")) {
                for (String key : texts(node, at, "keys")) {
                    try {
                        keys.add(KeyId.parse(key));
                    } catch (IllegalArgumentException e) {
                        throw error(at + ".keys", "must hold key ids (UUIDs), got " + key);
                    }
                }
            }
            return keys;
        }

        private URI jwksUrl(String text, String at) {
            URI uri;
            try {
                uri = new URI(text);
            } catch (URISyntaxException e) {
                throw error(at, "is not a URL: " + text);
            }
            if (uri.getHost() == null) {
                throw error(at, "is not an absolute URL: " + text);
            }
            if ("https".equals(uri.getScheme())) {
                return uri;
            }
            if ("http".equals(uri.getScheme()) && isLoopback(uri.getHost())) {
                return uri;
            }
            throw error(at, "must be https (http only on a loopback address): " + text);
        }

        private static boolean isLoopback(String host) {
            try {
                return InetAddress.getByName(host).isLoopbackAddress();
            } catch (UnknownHostException e) {
                return false;
            }
        }

        private void object(JsonNode node, String at) {
            if (node == null || !node.isObject()) {
                throw error(at, "must be a JSON object");
            }
        }

        private void onlyFields(JsonNode node, String at, String... allowed) {
            Set<String> known = Set.of(allowed);
            for (Iterator<String> names = node.fieldNames(); names.hasNext();) {
                String field = names.next();
                if (!known.contains(field)) {
                    throw error(join(at, field), "is not a field here (allowed: " + String.join(", ", allowed) + ")");
                }
            }
        }

        private JsonNode array(JsonNode node, String at, String field) {
            JsonNode value = node.get(field);
            if (value == null) {
                return JSON.createArrayNode();
            }
            if (!value.isArray()) {
                throw error(join(at, field), "must be an array");
            }
            return value;
        }

        private String text(JsonNode node, String at, String field) {
            JsonNode value = node.get(field);
            if (value == null) {
                throw error(join(at, field), "is required");
            }
            if (!value.isTextual() || value.asText().isBlank()) {
                throw error(join(at, field), "must be a non-empty string");
            }
            return value.asText();
        }

        private List<String> texts(JsonNode node, String at, String field) {
            List<String> texts = new ArrayList<>();
            JsonNode values = array(node, at, field);
            for (int i = 0; i < values.size(); i++) {
                if (!values.get(i).isTextual()) {
                    throw error(join(at, field) + "[" + i + "]", "must be a string");
                }
                texts.add(values.get(i).asText());
            }
            return texts;
        }

        private static String join(String at, String field) {
            return at.isEmpty() ? field : at + "." + field;
        }

        private InvalidIdentityConfig error(String at, String what) {
            return new InvalidIdentityConfig(name + ": " + (at.isEmpty() ? "the document" : at) + " " + what);
        }
    }
}
