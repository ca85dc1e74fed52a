package dev.signet.adapters.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signet.application.port.in.AdministerOrganizationUseCase;
import dev.signet.application.port.in.AdministerOrganizationUseCase.KeyBackend;
import dev.signet.application.port.in.AuditTrailAccessUseCase;
import dev.signet.application.port.in.ManageTokensUseCase;
import dev.signet.domain.audit.AuditChainVerdict;
import dev.signet.domain.audit.AuditRecord;
import dev.signet.domain.key.KeyId;
import dev.signet.domain.key.KeyName;
import dev.signet.domain.key.SigningKey;
import dev.signet.domain.organization.Organization;
import dev.signet.domain.principal.ApiToken;
import dev.signet.domain.principal.Principal;
import dev.signet.domain.principal.Role;
import dev.signet.domain.principal.TokenId;
import dev.signet.domain.principal.TokenName;
import dev.signet.domain.revocation.Revocation;
import dev.signet.domain.revocation.RevocationReason;
import dev.signet.domain.trust.TrustAcl;
import dev.signet.domain.trust.TrustedKey;
import dev.signet.domain.trust.TrustedKeyId;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Fields;

/**
 * The administration endpoints (organization, keys, trusted keys, grants, tokens, audit trail). They parse and
 * render only: who may do what is the application's {@link AdministerOrganizationUseCase} and
 * {@link AuditTrailAccessUseCase}, which refuse with Forbidden (403). Each request authenticates, and its use-case
 * calls run as its caller, as {@link ApiHandler}'s do, so every change's audit record names the actor.
 */
final class AdminEndpoints {
    /** Path templates, matched in order; a {name} segment is one path segment. */
    private static final List<String> TEMPLATES = List.of("/v1/organizations/{org}", "/v1/organizations/{org}/keys",
            "/v1/keys/{key_id}", "/v1/keys/{key_id}/revocation", "/v1/organizations/{org}/trusted-keys",
            "/v1/trusted-keys/{trusted_key_id}/revocation", "/v1/organizations/{org}/grants",
            "/v1/organizations/{org}/grants/{child}", "/v1/organizations/{org}/tokens", "/v1/tokens/{token_id}",
            "/v1/audit/events", "/v1/audit/verifications", "/v1/audit/checkpoints");
    private static final List<Pattern> PATTERNS = TEMPLATES.stream()
            .map(t -> Pattern.compile(t.replaceAll("\\{[a-z_]+\\}", "([^/]+)"))).toList();
    static final Set<String> ENDPOINTS = Set.of("GET /v1/organizations/{org}",
            "GET /v1/organizations/{org}/keys", "POST /v1/organizations/{org}/keys", "GET /v1/keys/{key_id}",
            "POST /v1/keys/{key_id}/revocation",
            "GET /v1/organizations/{org}/trusted-keys", "POST /v1/organizations/{org}/trusted-keys",
            "POST /v1/trusted-keys/{trusted_key_id}/revocation",
            "GET /v1/organizations/{org}/grants", "POST /v1/organizations/{org}/grants",
            "DELETE /v1/organizations/{org}/grants/{child}",
            "GET /v1/organizations/{org}/tokens", "POST /v1/organizations/{org}/tokens", "DELETE /v1/tokens/{token_id}",
            "GET /v1/audit/events", "POST /v1/audit/verifications", "POST /v1/audit/checkpoints");
    private static final int DEFAULT_PAGE = 100;

    private final AdministerOrganizationUseCase admin;
    private final AuditTrailAccessUseCase audit;
    private final Function<Request, Principal> authenticate;
    private final Function<Request, byte[]> body;

    /** {@code authenticate} and {@code body} are the handler's: rate limits, size limit and read deadline apply. */
    AdminEndpoints(AdministerOrganizationUseCase admin, AuditTrailAccessUseCase audit,
            Function<Request, Principal> authenticate, Function<Request, byte[]> body) {
        this.admin = admin;
        this.audit = audit;
        this.authenticate = authenticate;
        this.body = body;
    }

    /** The template a path is, or empty when it is none of these endpoints. */
    static Optional<String> templateOf(String path) {
        for (int i = 0; i < PATTERNS.size(); i++) {
            if (PATTERNS.get(i).matcher(path).matches()) {
                return Optional.of(TEMPLATES.get(i));
            }
        }
        return Optional.empty();
    }

    /**
     * Answers an operation of {@link #ENDPOINTS} (the handler checked the method and path against them).
     *
     * @param template the path's template, as {@link #templateOf} found it
     */
    ApiHandler.Answer route(Request request, String method, String template, String path, String requestId) {
        Matcher m = PATTERNS.get(TEMPLATES.indexOf(template)).matcher(path);
        m.matches(); // it does: the template is this path's; the groups are its segments
        Principal principal = authenticate.apply(request);
        Exchange x = new Exchange(request, principal, requestId);
        return switch (method + " " + template) {
            case "GET /v1/organizations/{org}" -> x.ok(organization(x.as(() -> admin.organization(principal, m.group(1)))));
            case "GET /v1/organizations/{org}/keys" -> x.ok(list(x.as(() -> admin.keys(principal, m.group(1))),
                    "keys", AdminEndpoints::key));
            case "POST /v1/organizations/{org}/keys" -> createKey(x, m.group(1));
            case "GET /v1/keys/{key_id}" -> x.ok(key(x.as(() -> admin.key(principal, KeyId.parse(m.group(1))))));
            case "POST /v1/keys/{key_id}/revocation" -> revokeKey(x, KeyId.parse(m.group(1)));
            case "GET /v1/organizations/{org}/trusted-keys" -> x.ok(list(
                    x.as(() -> admin.trustedKeys(principal, m.group(1))), "trusted_keys", AdminEndpoints::trustedKey));
            case "POST /v1/organizations/{org}/trusted-keys" -> trustKey(x, m.group(1));
            case "POST /v1/trusted-keys/{trusted_key_id}/revocation" -> revokeTrustedKey(x,
                    TrustedKeyId.parse(m.group(1)));
            case "GET /v1/organizations/{org}/grants" -> x.ok(list(x.as(() -> admin.grants(principal, m.group(1))),
                    "grants", AdminEndpoints::grant));
            case "POST /v1/organizations/{org}/grants" -> grant(x, m.group(1));
            case "DELETE /v1/organizations/{org}/grants/{child}" -> {
                x.as(() -> {
                    admin.revokeGrant(principal, m.group(1), m.group(2));
                    return null;
                });
                yield new ApiHandler.Answer(204, ApiHandler.JSON_TYPE, new byte[0], Optional.empty());
            }
            case "GET /v1/organizations/{org}/tokens" -> x.ok(list(x.as(() -> admin.tokens(principal, m.group(1))),
                    "tokens", AdminEndpoints::token));
            case "POST /v1/organizations/{org}/tokens" -> createToken(x, m.group(1));
            case "DELETE /v1/tokens/{token_id}" -> x.ok(token(x.as(() -> admin.revokeToken(principal,
                    TokenId.parse(m.group(1))))));
            case "GET /v1/audit/events" -> events(x);
            case "POST /v1/audit/verifications" -> {
                optionalBody(x, Set.of());
                yield x.ok(verdict(x.as(() -> audit.verify(principal))));
            }
            case "POST /v1/audit/checkpoints" -> checkpoint(x);
            default -> throw new IllegalStateException("no route for " + method + " " + template);
        };
    }

    private ApiHandler.Answer createKey(Exchange x, String org) {
        ObjectNode in = JsonBodies.object(body.apply(x.request), Set.of("name", "backend", "pkcs11_label"));
        KeyName name = new KeyName(JsonBodies.text(in, "name"));
        KeyBackend backend = switch (JsonBodies.optionalText(in, "backend").orElse("software")) {
            case "software" -> KeyBackend.SOFTWARE;
            case "pkcs11" -> KeyBackend.PKCS11;
            default -> throw new IllegalArgumentException("'backend' must be software or pkcs11");
        };
        Optional<String> label = JsonBodies.optionalText(in, "pkcs11_label");
        if (label.isPresent()) { // adopt a pair made in the token by another tool, as signet key import
            if (backend != KeyBackend.PKCS11) {
                throw new IllegalArgumentException("'pkcs11_label' adopts a key of the token: give backend pkcs11");
            }
            return x.created(key(x.as(() -> admin.importHsmKey(x.principal, org, name, label.get()))));
        }
        return x.created(key(x.as(() -> admin.createKey(x.principal, org, name, backend))));
    }

    private ApiHandler.Answer revokeKey(Exchange x, KeyId keyId) {
        RevocationBody revocation = revocation(x);
        return x.ok(key(x.as(() -> admin.revokeKey(x.principal, keyId, revocation.reason(),
                revocation.effectiveAt()))));
    }

    private ApiHandler.Answer trustKey(Exchange x, String org) {
        ObjectNode in = JsonBodies.object(body.apply(x.request), Set.of("public_key", "label"));
        byte[] encoded = publicKey(JsonBodies.text(in, "public_key"));
        Optional<String> label = JsonBodies.optionalText(in, "label");
        return x.created(trustedKey(x.as(() -> admin.trustKey(x.principal, org, encoded, label))));
    }

    private ApiHandler.Answer revokeTrustedKey(Exchange x, TrustedKeyId id) {
        RevocationBody revocation = revocation(x);
        return x.ok(trustedKey(x.as(() -> admin.revokeTrustedKey(x.principal, id, revocation.reason(),
                revocation.effectiveAt()))));
    }

    /** The body of a key's or a trusted key's revocation: {@code {"reason", "effective_at"}}, both optional. */
    private record RevocationBody(RevocationReason reason, Optional<Instant> effectiveAt) {
    }

    private RevocationBody revocation(Exchange x) {
        ObjectNode in = optionalBody(x, Set.of("reason", "effective_at"));
        return new RevocationBody(reason(in), instant(in, "effective_at"));
    }

    private ApiHandler.Answer grant(Exchange x, String parent) {
        ObjectNode in = JsonBodies.object(body.apply(x.request), Set.of("child"));
        String child = JsonBodies.text(in, "child");
        return x.created(grant(x.as(() -> admin.grant(x.principal, parent, child))));
    }

    private ApiHandler.Answer createToken(Exchange x, String org) {
        ObjectNode in = JsonBodies.object(body.apply(x.request), Set.of("role", "keys", "expires_in_seconds", "name"));
        Role role = Role.fromWireName(JsonBodies.text(in, "role"));
        Set<KeyId> keys = new LinkedHashSet<>();
        JsonNode given = in.get("keys");
        if (given != null && !given.isNull()) {
            if (!given.isArray()) {
                throw new IllegalArgumentException("'keys' must be an array of key ids");
            }
            for (JsonNode id : given) {
                if (!id.isTextual()) {
                    throw new IllegalArgumentException("'keys' must be an array of key ids");
                }
                keys.add(KeyId.parse(id.textValue()));
            }
        }
        Optional<Duration> validFor = Optional.empty();
        JsonNode seconds = in.get("expires_in_seconds");
        if (seconds != null && !seconds.isNull()) {
            if (!seconds.canConvertToLong() || !seconds.isIntegralNumber() || seconds.longValue() < 1) {
                throw new IllegalArgumentException("'expires_in_seconds' must be a whole number of seconds, 1 or more");
            }
            validFor = Optional.of(Duration.ofSeconds(seconds.longValue()));
        }
        AdministerOrganizationUseCase.NewToken command = new AdministerOrganizationUseCase.NewToken(role, keys,
                validFor, JsonBodies.optionalText(in, "name").map(TokenName::new));
        ManageTokensUseCase.IssuedToken issued = x.as(() -> admin.createToken(x.principal, org, command));
        // the secret is in this answer only; the service keeps its hash
        return x.created(token(issued.token()).put("token", issued.secret()));
    }

    private ApiHandler.Answer events(Exchange x) {
        Fields query = Request.extractQueryParameters(x.request);
        long after = number(query, "after", 0);
        int limit = (int) number(query, "limit", DEFAULT_PAGE);
        List<AuditRecord> records = x.as(() -> audit.events(x.principal, after, limit));
        ObjectNode out = list(records, "events", AdminEndpoints::record);
        if (records.size() == limit) {
            out.put("next_after", records.get(records.size() - 1).position());
        }
        return x.ok(out);
    }

    private ApiHandler.Answer checkpoint(Exchange x) {
        ObjectNode in = JsonBodies.object(body.apply(x.request), Set.of("key_id"));
        KeyId keyId = KeyId.parse(JsonBodies.text(in, "key_id"));
        AuditTrailAccessUseCase.Checkpoint checkpoint = x.as(() -> audit.checkpoint(x.principal, keyId));
        // the checkpoint file's line, which the caller keeps outside the database (signet audit checkpoint --out)
        return new ApiHandler.Answer(201, ApiHandler.JSON_TYPE, checkpoint.line().getBytes(StandardCharsets.UTF_8),
                Optional.empty());
    }

    /** An empty body or a JSON object of these fields. */
    private ObjectNode optionalBody(Exchange x, Set<String> allowed) {
        byte[] bytes = body.apply(x.request);
        return bytes.length == 0 ? JsonBodies.JSON.createObjectNode() : JsonBodies.object(bytes, allowed);
    }

    private static long number(Fields query, String name, long absent) {
        String value = query.getValue(name);
        if (value == null) {
            return absent;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + name + "' must be a whole number");
        }
    }

    private static RevocationReason reason(ObjectNode in) {
        return JsonBodies.optionalText(in, "reason").map(RevocationReason::parse).orElse(RevocationReason.COMPROMISED);
    }

    private static Optional<Instant> instant(ObjectNode in, String field) {
        try {
            return JsonBodies.optionalText(in, field).map(Instant::parse);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + field + "' must be an ISO-8601 UTC time, e.g. 2026-12-01T10:00:00Z");
        }
    }

    /** PEM and 64 hex digits as text, as the CLI's trust add reads them; else base64 of the 32 raw bytes. */
    private static byte[] publicKey(String text) {
        String trimmed = text.strip();
        if (trimmed.startsWith("-----BEGIN") || trimmed.matches("[0-9a-fA-F]{64}")) {
            return trimmed.getBytes(StandardCharsets.US_ASCII);
        }
        try {
            byte[] raw = Base64.getDecoder().decode(trimmed);
            if (raw.length == 32) {
                return raw;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new IllegalArgumentException("'public_key' must be a PEM public key, 64 hex digits or the base64 of "
                + "32 raw Ed25519 key bytes");
    }

    private static <T> ObjectNode list(List<T> items, String field, Function<T, ObjectNode> render) {
        ObjectNode out = JsonBodies.JSON.createObjectNode();
        ArrayNode array = out.putArray(field);
        items.forEach(item -> array.add(render.apply(item)));
        return out;
    }

    private static ObjectNode organization(Organization organization) {
        return JsonBodies.JSON.createObjectNode().put("id", organization.id().toString())
                .put("name", organization.name().value()).put("created_at", organization.createdAt().toString());
    }

    private static ObjectNode key(SigningKey key) {
        ObjectNode json = JsonBodies.JSON.createObjectNode().put("id", key.id().toString())
                .put("organization_id", key.organizationId().toString()).put("name", key.name().value())
                .put("fingerprint", key.fingerprint().hex()).put("backend", key.custody().kind())
                .put("created_at", key.createdAt().toString());
        key.revocation().ifPresent(r -> revocation(json, r));
        return json;
    }

    private static ObjectNode trustedKey(TrustedKey key) {
        ObjectNode json = JsonBodies.JSON.createObjectNode().put("id", key.id().toString())
                .put("organization_id", key.organizationId().toString()).put("fingerprint", key.fingerprint().hex())
                .put("added_at", key.addedAt().toString());
        key.label().ifPresent(label -> json.put("label", label));
        key.revocation().ifPresent(r -> revocation(json, r));
        return json;
    }

    private static void revocation(ObjectNode json, Revocation revocation) {
        json.put("revoked_at", revocation.recordedAt().toString())
                .put("revocation_reason", revocation.reason().label())
                .put("revocation_effective_at", revocation.effectiveAt().toString());
    }

    private static ObjectNode grant(TrustAcl acl) {
        ObjectNode json = JsonBodies.JSON.createObjectNode().put("parent", acl.parent().toString())
                .put("child", acl.child().toString()).put("granted_at", acl.grantedAt().toString());
        acl.revokedAt().ifPresent(at -> json.put("revoked_at", at.toString()));
        return json;
    }

    /** Never the secret nor its hash. */
    private static ObjectNode token(ApiToken token) {
        ObjectNode json = JsonBodies.JSON.createObjectNode().put("id", token.id().toString())
                .put("organization_id", token.organization().toString()).put("role", token.role().wireName())
                .put("created_at", token.createdAt().toString());
        token.name().ifPresent(name -> json.put("name", name.value()));
        ArrayNode keys = json.putArray("keys");
        token.keyScope().stream().map(KeyId::toString).sorted().forEach(keys::add);
        token.expiresAt().ifPresent(at -> json.put("expires_at", at.toString()));
        token.revokedAt().ifPresent(at -> json.put("revoked_at", at.toString()));
        return json;
    }

    private static ObjectNode record(AuditRecord record) {
        ObjectNode json = JsonBodies.JSON.createObjectNode().put("position", record.position())
                .put("event_type", record.eventType()).put("occurred_at", record.occurredAt().toString());
        try {
            json.set("payload", JsonBodies.JSON.readTree(record.payload()));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("audit record " + record.position() + " holds no JSON payload", e);
        }
        return json.put("previous_hash", record.previousHash()).put("hash", record.hash());
    }

    private static ObjectNode verdict(AuditChainVerdict verdict) {
        ObjectNode json = JsonBodies.JSON.createObjectNode().put("whole", verdict.isWhole())
                .put("records_checked", verdict.recordsChecked());
        verdict.brokenAt().ifPresent(at -> json.put("broken_at", at));
        verdict.reason().ifPresent(reason -> json.put("reason", reason));
        return json;
    }

    /** One request's principal and caller. */
    private record Exchange(Request request, Principal principal, String requestId) {
        <T> T as(Supplier<T> work) {
            return ApiHandler.as(principal, request, requestId, work);
        }

        ApiHandler.Answer ok(ObjectNode body) {
            return answer(200, body);
        }

        ApiHandler.Answer created(ObjectNode body) {
            return answer(201, body);
        }

        private static ApiHandler.Answer answer(int status, ObjectNode body) {
            return new ApiHandler.Answer(status, ApiHandler.JSON_TYPE,
                    body.toString().getBytes(StandardCharsets.UTF_8), Optional.empty());
        }
    }
}
