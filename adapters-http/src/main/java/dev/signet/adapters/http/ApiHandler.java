package dev.signet.adapters.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signet.application.port.in.Caller;
import dev.signet.application.port.in.ManageSigningKeysUseCase;
import dev.signet.application.port.in.OperationalStatus;
import dev.signet.application.port.in.SignDigestUseCase;
import dev.signet.application.port.in.VerifyDigestUseCase;
import dev.signet.domain.key.KeyId;
import dev.signet.domain.organization.OrganizationId;
import dev.signet.domain.principal.Credential;
import dev.signet.domain.principal.Principal;
import dev.signet.domain.principal.Unauthenticated;
import dev.signet.domain.signature.PackageHash;
import dev.signet.domain.time.TimeBasis;
import dev.signet.domain.verification.VerifiedPackage;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service's endpoints (the OpenAPI document in this module's resources is their contract). Each request is
 * authenticated on its own (a revoked token fails at once), then its use-case calls run as its caller, so that the
 * audit records name the principal, the client address and the request id. Blocking (the default): signing and
 * the durable audit record wait for the database and the HSM.
 */
final class ApiHandler extends Handler.Abstract {
    private static final Logger LOG = LoggerFactory.getLogger("signet.http");
    private static final Logger ACCESS = LoggerFactory.getLogger(SignetHttpServer.ACCESS_LOGGER);
    private static final String PRINCIPAL = "signet.principal";
    private static final Pattern PUBLIC_KEY = Pattern.compile("/v1/keys/([^/]+)/public-key");
    private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    static final String JSON_TYPE = "application/json";
    /** A retried POST /v1/signatures with the same key (same principal) gets the first answer's bytes back. */
    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    /**
     * Every operation the service answers, as METHOD and path template. A request for anything else is refused
     * before routing, so this list is the service's surface: the OpenAPI contract test fails unless the document
     * describes exactly these.
     */
    static final Set<String> ENDPOINTS = java.util.stream.Stream.concat(java.util.stream.Stream.of("POST /v1/signatures",
            "POST /v1/signatures/batch", "POST /v1/verifications",
            "GET /v1/keys/{key_id}/public-key", "GET /healthz", "GET /readyz", "GET /metrics", "GET /openapi.json"),
            AdminEndpoints.ENDPOINTS.stream()).collect(java.util.stream.Collectors.toUnmodifiableSet());

    private final ServicePorts ports;
    private final PrometheusMeterRegistry metrics;
    private final java.util.concurrent.ConcurrentMap<String, Timer> requestTimers =
            new java.util.concurrent.ConcurrentHashMap<>();
    private static final int MAX_CACHED_TIMERS = 512;
    private final byte[] openApi;
    private final int maxRequestBytes;
    private final Optional<PrincipalRateLimits> rateLimits;
    private final java.time.Duration bodyReadTimeout;
    private final AdminEndpoints admin;

    ApiHandler(ServicePorts ports, PrometheusMeterRegistry metrics, byte[] openApi, int maxRequestBytes,
            Optional<PrincipalRateLimits> rateLimits, java.time.Duration bodyReadTimeout) {
        this.bodyReadTimeout = bodyReadTimeout;
        this.rateLimits = rateLimits;
        this.ports = ports;
        this.metrics = metrics;
        this.openApi = openApi.clone();
        this.maxRequestBytes = maxRequestBytes;
        this.admin = new AdminEndpoints(ports.administer(), ports.auditTrail(), this::authenticate, this::body);
        registerStatusMeters(ports.readiness(), metrics);
    }

    /**
     * {@code signet_signatures_total{backend="software"|"hsm"}}: signatures answered by this node (single and
     * batch, not an Idempotency-Key replay); {@code signet_audit_queue_depth}: audit records waiting for the group
     * commit; with an HSM, {@code signet_hsm_sessions} and {@code signet_hsm_sessions_in_use}. Read from the in-port
     * at each scrape.
     */
    private static void registerStatusMeters(dev.signet.application.port.in.ReadinessUseCase readiness,
            PrometheusMeterRegistry metrics) {
        for (String backend : List.of("software", "hsm")) {
            io.micrometer.core.instrument.FunctionCounter.builder("signet.signatures", readiness,
                    r -> r.status().signatures(backend)).description("Signatures answered, by key backend")
                    .tag("backend", backend).register(metrics);
        }
        io.micrometer.core.instrument.Gauge.builder("signet.audit.queue.depth", readiness,
                r -> r.status().auditQueueDepth()).description("Audit records waiting for the group commit")
                .register(metrics);
        if (readiness.status().hsmSessions().isPresent()) { // a node without an HSM shows no HSM gauges
            io.micrometer.core.instrument.Gauge.builder("signet.hsm.sessions", readiness,
                    r -> r.status().hsmSessions().map(OperationalStatus.HsmSessions::sessions).orElse(0))
                    .description("Sessions in the PKCS#11 session pool").register(metrics);
            io.micrometer.core.instrument.Gauge.builder("signet.hsm.sessions.in.use", readiness,
                    r -> r.status().hsmSessions().map(OperationalStatus.HsmSessions::inUse).orElse(0))
                    .description("PKCS#11 sessions lent to a call now").register(metrics);
        }
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        long start = System.nanoTime();
        String requestId = requestId(request);
        response.getHeaders().put("X-Request-Id", requestId);
        String path = Request.getPathInContext(request);
        String endpoint = endpointOf(path);
        Answer answer;
        try {
            answer = route(request, path, endpoint, requestId);
        } catch (RuntimeException e) {
            Problem problem = Problem.of(e);
            if (problem.status() >= 500) {
                LOG.warn("request {} to {} failed", requestId, endpoint, e);
            }
            answer = problem(problem, requestId);
        }
        if (answer.status() == 429) {
            rateLimits.ifPresent(limits -> response.getHeaders().put(HttpHeader.RETRY_AFTER, limits.retryAfterSeconds()));
        }
        if (answer.status() == 408) {
            response.getHeaders().put(HttpHeader.CONNECTION, "close"); // the rest of a late body is not read
        }
        if (answer.status() == 401) {
            response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer realm=\"signet\"");
        }
        answer.allow().ifPresent(allow -> response.getHeaders().put(HttpHeader.ALLOW, allow));
        response.setStatus(answer.status());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, answer.contentType());
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        requestTimer(endpoint, request.getMethod(), answer.status())
                .record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
        if (ACCESS.isInfoEnabled()) {
            ObjectNode line = JsonBodies.JSON.createObjectNode().put("time", java.time.Instant.now().toString())
                    .put("request_id", requestId).put("client", Request.getRemoteAddr(request))
                    .put("method", request.getMethod()).put("endpoint", endpoint).put("status", answer.status())
                    .put("duration_ms", (System.nanoTime() - start) / 1_000_000.0)
                    .put("protocol", request.getConnectionMetaData().getProtocol());
            if (request.getAttribute(PRINCIPAL) instanceof Principal principal) {
                line.put("principal", principal.kind().wireName() + ":" + principal.id());
            }
            ACCESS.info(line.toString());
        }
        response.write(true, ByteBuffer.wrap(answer.body()), callback);
        return true;
    }

    /**
     * The request timer of an endpoint, method and status, built once: a Timer.builder(...).register per request
     * cost a builder, its tags and a registry lookup every time. The cache is bounded since the method is the
     * client's (past the bound the registry is asked, as before).
     */
    private Timer requestTimer(String endpoint, String method, int status) {
        String key = endpoint + ' ' + method + ' ' + status;
        Timer timer = requestTimers.get(key);
        if (timer == null) {
            timer = Timer.builder("signet.http.requests").description("Requests by endpoint and outcome")
                    .tag("endpoint", endpoint).tag("method", method).tag("status", Integer.toString(status))
                    .register(metrics);
            if (requestTimers.size() < MAX_CACHED_TIMERS) {
                requestTimers.putIfAbsent(key, timer);
            }
        }
        return timer;
    }

    /** @param endpoint the path's template ({@link #endpointOf}), or "other" */
    private Answer route(Request request, String path, String endpoint, String requestId) {
        String method = request.getMethod();
        if (!ENDPOINTS.contains(method + " " + endpoint)) {
            List<String> allowed = ENDPOINTS.stream().filter(e -> e.endsWith(" " + endpoint))
                    .map(e -> e.substring(0, e.indexOf(' '))).sorted().toList();
            return allowed.isEmpty() ? problem(new Problem(404, "NotFound", "no such endpoint"), requestId)
                    : notAllowed(String.join(", ", allowed));
        }
        switch (path) {
            case "/v1/signatures":
                return method.equals("POST") ? sign(request, requestId) : notAllowed("POST");
            case "/v1/signatures/batch":
                return method.equals("POST") ? signBatch(request, requestId) : notAllowed("POST");
            case "/v1/verifications":
                return method.equals("POST") ? verify(request, requestId) : notAllowed("POST");
            case "/healthz":
                return method.equals("GET") ? json(200, JsonBodies.JSON.createObjectNode().put("status", "ok"))
                        : notAllowed("GET");
            case "/readyz":
                return method.equals("GET") ? ready(requestId) : notAllowed("GET");
            case "/metrics":
                return method.equals("GET")
                        ? new Answer(200, "text/plain; version=0.0.4; charset=utf-8",
                                metrics.scrape().getBytes(StandardCharsets.UTF_8), Optional.empty())
                        : notAllowed("GET");
            case "/openapi.json":
                return method.equals("GET") ? new Answer(200, JSON_TYPE, openApi, Optional.empty()) : notAllowed("GET");
            default:
                Matcher publicKey = PUBLIC_KEY.matcher(path);
                if (publicKey.matches()) {
                    return method.equals("GET") ? publicKey(request, publicKey.group(1), requestId) : notAllowed("GET");
                }
                if (AdminEndpoints.ENDPOINTS.contains(method + " " + endpoint)) {
                    return admin.route(request, method, endpoint, path, requestId);
                }
                return problem(new Problem(404, "NotFound", "no such endpoint: " + path), requestId);
        }
    }

    private Answer sign(Request request, String requestId) {
        Principal principal = authenticate(request);
        ObjectNode body = JsonBodies.object(body(request),
                Set.of("key_id", "package_hash", "package_name", "store"));
        SignDigestUseCase.Command command = new SignDigestUseCase.Command(principal,
                KeyId.parse(JsonBodies.text(body, "key_id")), packageHash(JsonBodies.text(body, "package_hash")),
                JsonBodies.optionalText(body, "package_name"), JsonBodies.flag(body, "store", true),
                Optional.ofNullable(request.getHeaders().get(IDEMPOTENCY_KEY)));
        SignDigestUseCase.SignedDigest signed = as(principal, request, requestId,
                () -> ports.signDigest().sign(command));
        return new Answer(201, JSON_TYPE, signed.signatureFile(), Optional.empty());
    }

    /**
     * One key, up to {@link SignDigestUseCase.BatchCommand#MAX_BATCH} digests, all or nothing: {"signatures": [the
     * .sig objects, in the request's order]}: each object is the .sig file's exact bytes (compat.md), embedded.
     */
    private Answer signBatch(Request request, String requestId) {
        Principal principal = authenticate(request);
        ObjectNode body = JsonBodies.object(body(request), Set.of("key_id", "signatures", "store"));
        KeyId keyId = KeyId.parse(JsonBodies.text(body, "key_id"));
        JsonNode items = body.get("signatures");
        if (items == null || !items.isArray()) {
            throw new IllegalArgumentException("'signatures' must be an array of {package_hash, package_name?}");
        }
        if (items.size() > SignDigestUseCase.BatchCommand.MAX_BATCH) {
            throw new BatchTooLarge(SignDigestUseCase.BatchCommand.MAX_BATCH, items.size());
        }
        List<SignDigestUseCase.BatchItem> batch = new ArrayList<>();
        for (JsonNode item : items) {
            if (!item.isObject()) {
                throw new IllegalArgumentException("each of 'signatures' must be an object");
            }
            ObjectNode entry = JsonBodies.object(item.toString().getBytes(StandardCharsets.UTF_8),
                    Set.of("package_hash", "package_name"));
            batch.add(new SignDigestUseCase.BatchItem(packageHash(JsonBodies.text(entry, "package_hash")),
                    JsonBodies.optionalText(entry, "package_name")));
        }
        SignDigestUseCase.BatchCommand command = new SignDigestUseCase.BatchCommand(principal, keyId, batch,
                JsonBodies.flag(body, "store", true));
        List<SignDigestUseCase.SignedDigest> signed = as(principal, request, requestId,
                () -> ports.signDigest().signAll(command));
        StringBuilder answer = new StringBuilder("{\"signatures\":[");
        for (int i = 0; i < signed.size(); i++) {
            answer.append(i == 0 ? "" : ",").append(new String(signed.get(i).signatureFile(), StandardCharsets.UTF_8));
        }
        return new Answer(201, JSON_TYPE, answer.append("]}").toString().getBytes(StandardCharsets.UTF_8),
                Optional.empty());
    }

    private Answer verify(Request request, String requestId) {
        Principal principal = authenticate(request);
        ObjectNode body = JsonBodies.object(body(request), Set.of("org", "package_hash", "signature"));
        String org = JsonBodies.text(body, "org");
        PackageHash hash = packageHash(JsonBodies.text(body, "package_hash"));
        JsonNode signature = body.get("signature");
        Optional<byte[]> signatureJson = Optional.empty();
        if (signature != null && !signature.isNull()) {
            if (!signature.isObject()) {
                throw new IllegalArgumentException("'signature' must be the .sig file's JSON object");
            }
            signatureJson = Optional.of(signature.toString().getBytes(StandardCharsets.UTF_8));
        }
        Optional<byte[]> given = signatureJson;
        VerifiedPackage verified = as(principal, request, requestId, () -> {
            OrganizationId organization = ports.organizations().resolve(org).id();
            return ports.verifyDigest().verifyDigest(
                    new VerifyDigestUseCase.DigestCommand(principal, organization, hash, given));
        });
        ObjectNode answer = JsonBodies.JSON.createObjectNode().put("verified", true)
                .put("package_hash", verified.packageHash().hex())
                .put("signer_fingerprint", verified.signerFingerprint().hex())
                .put("source", given.isPresent() ? "request" : "database");
        verified.trustPath().ifPresent(path -> {
            ObjectNode trust = answer.putObject("trust_path");
            ArrayNode organizations = trust.putArray("organizations");
            path.organizations().forEach(id -> organizations.add(id.toString()));
            trust.put("trusted_key_id", path.trustedKey().id().toString());
            path.trustedKey().label().ifPresent(label -> trust.put("trusted_key_label", label));
        });
        timeBasis(answer.putObject("time_basis"), verified.timeBasis());
        return json(200, answer);
    }

    /** As {@code verify --json} prints it: kind, time, the TSA's subject or why a timestamp did not count, description. */
    private static void timeBasis(ObjectNode json, TimeBasis basis) {
        if (basis instanceof TimeBasis.TrustedTime trusted) {
            json.put("kind", "trusted_time").put("time", trusted.time().toString())
                    .put("tsa_subject", trusted.tsaSubject());
        } else if (basis instanceof TimeBasis.CurrentTime current) {
            json.put("kind", "current_time").put("time", current.time().toString());
            current.uncheckedTimestamp().ifPresent(why -> json.put("unchecked_timestamp", why));
        }
        json.put("description", basis.describe());
    }

    private Answer publicKey(Request request, String keyId, String requestId) {
        Principal principal = authenticate(request);
        KeyId id = KeyId.parse(keyId);
        ManageSigningKeysUseCase.PublicKeyExport export = as(principal, request, requestId,
                () -> ports.publicKeys().exportPublicKey(principal, id));
        return new Answer(200, "application/x-pem-file", export.publicKeyPem().getBytes(StandardCharsets.US_ASCII),
                Optional.empty());
    }

    private Answer ready(String requestId) {
        List<String> problems = ports.readiness().problems();
        if (problems.isEmpty()) {
            return json(200, JsonBodies.JSON.createObjectNode().put("status", "ready"));
        }
        return problem(new Problem(503, "NotReady", String.join("; ", problems)), requestId);
    }

    /** The authenticated principal, within its rate limit (429 beyond it). */
    private Principal authenticate(Request request) {
        Principal principal = authenticateOnly(request);
        request.setAttribute(PRINCIPAL, principal);
        rateLimits.ifPresent(limits -> limits.acquire(principal));
        return principal;
    }

    /** A bearer token if one is given, else a verified client certificate, else none at all (401). */
    private Principal authenticateOnly(Request request) {
        String authorization = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        if (authorization != null) {
            if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7) || authorization.length() <= 7) {
                throw new Unauthenticated("the Authorization header must be 'Bearer TOKEN'");
            }
            return ports.authenticate().authenticate(new Credential.BearerToken(authorization.substring(7).strip()));
        }
        Optional<Credential.ClientCertificate> certificate = clientCertificate(request);
        if (certificate.isPresent()) {
            return ports.authenticate().authenticate(certificate.get());
        }
        throw new Unauthenticated("no Authorization header and no client certificate");
    }

    private static Optional<Credential.ClientCertificate> clientCertificate(Request request) {
        if (!(request.getAttribute(EndPoint.SslSessionData.ATTRIBUTE) instanceof EndPoint.SslSessionData tls)
                || tls.peerCertificates() == null || tls.peerCertificates().length == 0) {
            return Optional.empty();
        }
        X509Certificate leaf = tls.peerCertificates()[0];
        try {
            List<String> names = new ArrayList<>();
            if (leaf.getSubjectAlternativeNames() != null) {
                // typed as OpenSSL prints them, so that identity rules can say which kind of name they mean
                leaf.getSubjectAlternativeNames().forEach(name -> {
                    String type = switch ((Integer) name.get(0)) {
                        case 1 -> "email:";
                        case 2 -> "DNS:";
                        case 6 -> "URI:";
                        case 7 -> "IP:";
                        default -> null;
                    };
                    if (type != null) {
                        names.add(type + name.get(1));
                    }
                });
            }
            String fingerprint = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(leaf.getEncoded()));
            return Optional.of(new Credential.ClientCertificate(leaf.getSubjectX500Principal().getName(), names,
                    fingerprint));
        } catch (CertificateParsingException | CertificateEncodingException | NoSuchAlgorithmException e) {
            throw new Unauthenticated("the client certificate cannot be read");
        }
    }

    static <T> T as(Principal principal, Request request, String requestId, Supplier<T> work) {
        Caller caller = new Caller(principal.actor(), Optional.of(Request.getRemoteAddr(request)),
                Optional.of(requestId));
        return Caller.callAs(caller, work);
    }

    private byte[] body(Request request) {
        long declared = request.getLength();
        if (declared > maxRequestBytes) {
            throw new RequestTooLarge(maxRequestBytes);
        }
        // the idle timeout restarts with every byte: this bounds the body as a whole, so that a client trickling
        // it cannot hold a thread; failing the request wakes the blocked read
        java.util.concurrent.atomic.AtomicBoolean late = new java.util.concurrent.atomic.AtomicBoolean();
        org.eclipse.jetty.util.thread.Scheduler.Task deadline = request.getComponents().getScheduler().schedule(() -> {
            late.set(true);
            request.fail(new RequestTimeout(bodyReadTimeout));
        }, bodyReadTimeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        try (InputStream in = Content.Source.asInputStream(request)) {
            byte[] bytes = in.readNBytes(maxRequestBytes + 1);
            if (bytes.length > maxRequestBytes) {
                throw new RequestTooLarge(maxRequestBytes);
            }
            return bytes;
        } catch (IOException | RuntimeException e) {
            if (late.get()) {
                throw new RequestTimeout(bodyReadTimeout);
            }
            if (e instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new UncheckedIOException("cannot read the request body", (IOException) e);
        } finally {
            deadline.cancel();
        }
    }

    private static PackageHash packageHash(String hex) {
        if (!hex.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("'package_hash' must be 64 lowercase hex digits (SHA-256)");
        }
        return PackageHash.fromHex(hex);
    }

    private static String requestId(Request request) {
        String given = request.getHeaders().get("X-Request-Id");
        return given != null && REQUEST_ID.matcher(given).matches() ? given : UUID.randomUUID().toString();
    }

    /** The endpoint a path is, for metrics: never the path itself (a key id would make a metric per key). */
    static String endpointOf(String path) {
        return switch (path) {
            case "/v1/signatures", "/v1/signatures/batch", "/v1/verifications", "/healthz", "/readyz", "/metrics", "/openapi.json" -> path;
            default -> PUBLIC_KEY.matcher(path).matches() ? "/v1/keys/{key_id}/public-key"
                    : AdminEndpoints.templateOf(path).orElse("other");
        };
    }

    private static Answer notAllowed(String allow) {
        ObjectNode body = problemBody(new Problem(405, "MethodNotAllowed", "use " + allow), null);
        return new Answer(405, Problem.MEDIA_TYPE, bytes(body), Optional.of(allow));
    }

    private static Answer problem(Problem problem, String requestId) {
        return new Answer(problem.status(), Problem.MEDIA_TYPE, bytes(problemBody(problem, requestId)), Optional.empty());
    }

    private static ObjectNode problemBody(Problem problem, String requestId) {
        ObjectNode body = JsonBodies.JSON.createObjectNode().put("type", problem.type()).put("title", problem.title())
                .put("status", problem.status()).put("detail", problem.detail());
        if (requestId != null) {
            body.put("request_id", requestId);
        }
        return body;
    }

    private static Answer json(int status, ObjectNode body) {
        return new Answer(status, JSON_TYPE, bytes(body), Optional.empty());
    }

    private static byte[] bytes(JsonNode node) {
        return node.toString().getBytes(StandardCharsets.UTF_8);
    }

    record Answer(int status, String contentType, byte[] body, Optional<String> allow) {
    }

    /** A request body that did not arrive within the body read timeout (408). */
    static final class RequestTimeout extends RuntimeException {
        private static final long serialVersionUID = 1L;

        RequestTimeout(java.time.Duration limit) {
            super("the request body did not arrive within " + limit.toMillis() + " ms");
        }
    }

    /** A batch of more signatures than one request may ask for (413). */
    static final class BatchTooLarge extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        BatchTooLarge(int limit, int asked) {
            super("a batch holds at most " + limit + " signatures, not " + asked);
        }
    }

    /** A request body over the limit (413). */
    static final class RequestTooLarge extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        RequestTooLarge(int limit) {
            super("the request body is larger than " + limit + " bytes");
        }
    }
}
