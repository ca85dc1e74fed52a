package dev.signet.adapters.oidc;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A CI identity provider for the tests: an RSA signing key, its JWKS served on 127.0.0.1 by the JDK's HTTP server,
 * and tokens it mints like GitHub Actions' (repository, ref, workflow claims).
 */
final class TestIssuer implements AutoCloseable {
    static final String AUDIENCE = "signet";

    final RSAKey key;
    final HttpServer server;
    final AtomicInteger jwksFetches = new AtomicInteger();

    TestIssuer() throws JOSEException, IOException {
        key = new RSAKeyGenerator(2048).keyID("ci-key-1").generate();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        byte[] jwks = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        server.createContext("/.well-known/jwks", exchange -> {
            jwksFetches.incrementAndGet();
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, jwks.length);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(jwks);
            }
        });
        server.start();
    }

    String issuer() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    URI jwksUrl() {
        return URI.create(issuer() + "/.well-known/jwks");
    }

    JWTClaimsSet.Builder claims(String repository, String ref) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer(issuer()).audience(AUDIENCE)
                .subject("repo:" + repository + ":ref:" + ref).claim("repository", repository).claim("ref", ref)
                .claim("workflow", "release").issueTime(Date.from(now.minusSeconds(5)))
                .notBeforeTime(Date.from(now.minusSeconds(5))).expirationTime(Date.from(now.plus(Duration.ofMinutes(5))));
    }

    String mint(JWTClaimsSet claims) throws JOSEException {
        return mint(claims, key);
    }

    static String mint(JWTClaimsSet claims, RSAKey signingKey) throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signingKey.getKeyID()).build(),
                claims);
        jwt.sign(new RSASSASigner(signingKey));
        return jwt.serialize();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
