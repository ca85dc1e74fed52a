package dev.signet.adapters.http;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import org.eclipse.jetty.alpn.server.ALPNServerConnectionFactory;
import org.eclipse.jetty.http2.server.HTTP2CServerConnectionFactory;
import org.eclipse.jetty.http2.server.HTTP2ServerConnectionFactory;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The Signet service on Jetty 12: HTTP/1.1 and HTTP/2 (h2 by ALPN over TLS 1.2/1.3, h2c on loopback without TLS),
 * optional client certificates, and a graceful stop that lets requests in flight finish.
 */
public final class SignetHttpServer implements AutoCloseable {
    /**
     * The SLF4J logger of the access log: one JSON object per request at INFO (time, request id, client, method,
     * endpoint, status, duration, principal, protocol), never a header, a body or a credential.
     */
    public static final String ACCESS_LOGGER = "signet.access";
    private final Server server;
    private final ServerConnector connector;
    private final ServiceConfig config;

    public SignetHttpServer(ServicePorts ports, ServiceConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        QueuedThreadPool threads = new QueuedThreadPool(64, 4);
        threads.setName("signet-http");
        this.server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        http.setDelayDispatchUntilContent(false); // a request counts as in flight (graceful stop) from its headers
        if (config.tls().isPresent()) {
            SecureRequestCustomizer secure = new SecureRequestCustomizer();
            secure.setSniHostCheck(false); // clients may dial the address; the certificate check is theirs
            http.addCustomizer(secure);
            HttpConnectionFactory http11 = new HttpConnectionFactory(http);
            HTTP2ServerConnectionFactory h2 = new HTTP2ServerConnectionFactory(http);
            ALPNServerConnectionFactory alpn = new ALPNServerConnectionFactory();
            alpn.setDefaultProtocol(http11.getProtocol());
            SslConnectionFactory tls = new SslConnectionFactory(sslContext(config.tls().get()), alpn.getProtocol());
            this.connector = new ServerConnector(server, tls, alpn, h2, http11);
        } else {
            this.connector = new ServerConnector(server, new HttpConnectionFactory(http),
                    new HTTP2CServerConnectionFactory(http));
        }
        connector.setHost(config.host());
        connector.setPort(config.port());
        connector.setIdleTimeout(30_000);
        // On a graceful stop Jetty cuts a connection idle this long (1 s by default): a request in flight whose
        // client is merely slow still gets its answer.
        connector.setShutdownIdleTimeout(10_000);
        server.addConnector(connector);
        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        server.setHandler(new GracefulHandler(new ApiHandler(ports, metrics, openApiDocument(),
                config.maxRequestBytes(), config.rateLimit().map(PrincipalRateLimits::new), config.bodyReadTimeout())));
        server.setStopTimeout(config.stopTimeout().toMillis());
        server.setStopAtShutdown(false); // the composition root stops it, before it closes the store
    }

    public void start() {
        try {
            server.start();
        } catch (Exception e) {
            try {
                server.stop();
            } catch (Exception ignored) {
                e.addSuppressed(ignored);
            }
            throw new IllegalStateException("cannot listen on " + config.host() + ":" + config.port() + ": "
                    + e.getMessage(), e);
        }
    }

    /** The URL the server listens on, with the port it bound (e.g. when asked for port 0). */
    public URI url() {
        String host = config.host();
        try {
            if (InetAddress.getByName(host) instanceof java.net.Inet6Address && !host.startsWith("[")) {
                host = "[" + host + "]";
            }
        } catch (IOException e) {
            // a name: keep it
        }
        return URI.create((config.tls().isPresent() ? "https" : "http") + "://" + host + ":"
                + connector.getLocalPort());
    }

    /** Stops taking requests, lets those in flight finish (up to the stop timeout), then stops. */
    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("the HTTP server did not stop cleanly: " + e.getMessage(), e);
        }
    }

    /** The checked-in OpenAPI 3.1 document, served at /openapi.json. */
    public static byte[] openApiDocument() {
        try (InputStream in = SignetHttpServer.class.getResourceAsStream("openapi.json")) {
            if (in == null) {
                throw new IllegalStateException("openapi.json is missing from the adapter's resources");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static SslContextFactory.Server sslContext(ServiceConfig.Tls tls) {
        byte[] random = new byte[18];
        new SecureRandom().nextBytes(random);
        String password = Base64.getEncoder().encodeToString(random); // guards an in-memory store only
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setKeyStore(PemKeyStores.keyStore(tls.certificateChainPem(), tls.privateKeyPem(), password.toCharArray()));
        ssl.setKeyStorePassword(password);
        ssl.setIncludeProtocols("TLSv1.3", "TLSv1.2");
        tls.clientCaPem().ifPresent(ca -> {
            ssl.setTrustStore(PemKeyStores.trustStore(ca));
            ssl.setWantClientAuth(true); // a certificate is one way to authenticate, a token another
        });
        return ssl;
    }
}
