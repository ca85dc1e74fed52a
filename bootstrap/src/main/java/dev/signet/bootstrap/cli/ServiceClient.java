package dev.signet.bootstrap.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signet.bootstrap.SecretFiles;
import dev.signet.domain.key.KeyId;
import dev.signet.domain.signature.PackageHash;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The CLI's side of the service's HTTP API (java.net.http): digest signing, public-key export and verification,
 * with a bearer token and/or a client certificate. A token is only ever sent over TLS or to a loopback address,
 * and never appears in a message.
 */
final class ServiceClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Pattern PKCS8 = Pattern.compile(
            "-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");

    private final URI base;
    private final Optional<String> token;
    private final HttpClient http;

    private ServiceClient(URI base, Optional<String> token, HttpClient http) {
        this.base = base;
        this.token = token;
        this.http = http;
    }

    static ServiceClient from(ServerOptions options, Map<String, String> environment, boolean allowInsecureFiles) {
        URI base = options.url;
        String scheme = base.getScheme();
        if (base.getHost() == null || !("https".equals(scheme) || "http".equals(scheme))) {
            throw new IllegalArgumentException("--server must be an http(s) URL, got " + base);
        }
        if ("http".equals(scheme) && !isLoopback(base.getHost())) {
            throw new IllegalArgumentException("--server " + base + ": plain http only to a loopback address; use https");
        }
        Optional<String> token = token(options, environment, allowInsecureFiles);
        if ((options.clientCert == null) != (options.clientKey == null)) {
            throw new IllegalArgumentException("--client-cert and --client-key go together");
        }
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER);
        if ("https".equals(scheme)) {
            builder.sslContext(sslContext(options, allowInsecureFiles));
        }
        return new ServiceClient(base, token, builder.build());
    }

    /** {@code POST /v1/signatures}: the detached {@code .sig} bytes the service answers with (201). */
    byte[] sign(KeyId key, PackageHash hash, String packageName, boolean store) {
        ObjectNode body = JSON.createObjectNode().put("key_id", key.toString()).put("package_hash", hash.hex())
                .put("package_name", packageName).put("store", store);
        return send(post("/v1/signatures", body), 201).body();
    }

    /** {@code GET /v1/keys/{id}/public-key}: the key's PEM. */
    byte[] publicKeyPem(KeyId key) {
        return send(request("/v1/keys/" + key + "/public-key").GET().build(), 200).body();
    }

    /** {@code POST /v1/verifications}: the service's verdict (200), or its refusal as a {@link ServiceAnswer}. */
    JsonNode verify(String org, PackageHash hash, Optional<byte[]> signatureFile) {
        ObjectNode body = JSON.createObjectNode().put("org", org).put("package_hash", hash.hex());
        if (signatureFile.isPresent()) {
            try {
                body.set("signature", JSON.readTree(signatureFile.get()));
            } catch (IOException e) {
                throw new dev.signet.domain.verification.MalformedSignature("the signature file is not JSON");
            }
        }
        try {
            return JSON.readTree(send(post("/v1/verifications", body), 200).body());
        } catch (IOException e) {
            throw new IllegalStateException("the server's answer is not JSON", e);
        }
    }

    private HttpRequest post(String path, JsonNode body) {
        return request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8)).build();
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT)
                .header("X-Request-Id", "cli-" + UUID.randomUUID());
        token.ifPresent(value -> builder.header("Authorization", "Bearer " + value));
        return builder;
    }

    private HttpResponse<byte[]> send(HttpRequest request, int expected) {
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new ServiceUnreachable("cannot reach the Signet service at " + base + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceUnreachable("interrupted while waiting for the Signet service at " + base);
        }
        if (response.statusCode() == expected) {
            return response;
        }
        String title = "ServiceError";
        String detail = request.method() + " " + request.uri().getPath() + " failed";
        try {
            JsonNode problem = JSON.readTree(response.body());
            title = problem.path("title").asText(title);
            detail = problem.path("detail").asText(detail);
        } catch (IOException | RuntimeException notAProblem) {
            // the status alone then
        }
        throw new ServiceAnswer(response.statusCode(), title, detail);
    }

    private static Optional<String> token(ServerOptions options, Map<String, String> environment, boolean allowInsecure) {
        if (options.tokenFile != null) {
            SecretFiles.requireOwnerOnly(options.tokenFile, "token", allowInsecure);
            try {
                String value = Files.readString(options.tokenFile, StandardCharsets.UTF_8).strip();
                if (value.isEmpty()) {
                    throw new IllegalArgumentException("the token file " + options.tokenFile + " is empty");
                }
                return Optional.of(value);
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read the token file " + options.tokenFile + ": "
                        + e.getClass().getSimpleName());
            }
        }
        return Optional.ofNullable(environment.get("SIGNET_TOKEN")).map(String::strip).filter(v -> !v.isEmpty());
    }

    private static SSLContext sslContext(ServerOptions options, boolean allowInsecure) {
        try {
            TrustManagerFactory trust = null;
            if (options.caFile != null) {
                KeyStore store = KeyStore.getInstance("PKCS12");
                store.load(null, null);
                int i = 0;
                for (Certificate certificate : certificates(options.caFile)) {
                    store.setCertificateEntry("ca-" + i++, certificate);
                }
                trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                trust.init(store);
            }
            KeyManagerFactory keys = null;
            if (options.clientCert != null) {
                SecretFiles.requireOwnerOnly(options.clientKey, "client key", allowInsecure);
                char[] password = new char[0];
                KeyStore store = KeyStore.getInstance("PKCS12");
                store.load(null, null);
                store.setKeyEntry("client", privateKey(options.clientKey), password,
                        certificates(options.clientCert).toArray(Certificate[]::new));
                keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                keys.init(store, password);
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys == null ? null : keys.getKeyManagers(), trust == null ? null : trust.getTrustManagers(),
                    new SecureRandom());
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("cannot set up TLS to the server: " + e.getMessage());
        }
    }

    private static List<Certificate> certificates(Path pem) throws IOException, GeneralSecurityException {
        List<Certificate> certificates = List.copyOf(CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(Files.readAllBytes(pem))));
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException("no certificate in " + pem);
        }
        return certificates;
    }

    private static PrivateKey privateKey(Path pem) throws IOException {
        Matcher matcher = PKCS8.matcher(Files.readString(pem, StandardCharsets.US_ASCII));
        if (!matcher.find()) {
            throw new IllegalArgumentException(pem + " holds no unencrypted PKCS#8 key (BEGIN PRIVATE KEY)");
        }
        byte[] der = Base64.getMimeDecoder().decode(matcher.group(1));
        for (String algorithm : List.of("RSA", "EC", "Ed25519", "Ed448", "RSASSA-PSS")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                // not this algorithm: try the next
            }
        }
        throw new IllegalArgumentException(pem + " holds a private key of an algorithm this JDK cannot use for TLS");
    }

    private static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** The service could not be reached (connection refused, TLS failure, timeout). */
    static final class ServiceUnreachable extends dev.signet.domain.SignetException {
        ServiceUnreachable(String message) {
            super(message);
        }
    }
}
