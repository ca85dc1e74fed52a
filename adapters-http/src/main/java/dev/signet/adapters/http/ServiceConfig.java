package dev.signet.adapters.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where and how the service listens. Without TLS it listens only on a loopback address: a token sent in clear
 * text must never cross a network.
 *
 * @param port 0 for any free port (the bound one is in {@link SignetHttpServer#url()})
 * @param bodyReadTimeout how long a request body may take to arrive in all, from when the handler starts
 *     reading it: a client trickling a body gets 408 and its connection closed, so that it cannot hold a thread
 *     (the idle timeout alone lets one byte every 29 s keep it for ever)
 */
public record ServiceConfig(String host, int port, Optional<Tls> tls, Duration stopTimeout, int maxRequestBytes,
        Optional<RateLimit> rateLimit, Duration bodyReadTimeout) {

    /** At most {@code requests} per {@code period} for each principal (token, certificate, OIDC subject). */
    public record RateLimit(int requests, Duration period) {
        public RateLimit {
            Objects.requireNonNull(period, "period");
            if (requests < 1 || period.isNegative() || period.isZero()) {
                throw new IllegalArgumentException("a rate limit needs at least 1 request per positive period");
            }
        }
    }

    /** The server's certificate chain and private key (PKCS#8), and the CAs whose client certificates it asks for. */
    public record Tls(Path certificateChainPem, Path privateKeyPem, Optional<Path> clientCaPem) {
        public Tls {
            Objects.requireNonNull(certificateChainPem, "certificate");
            Objects.requireNonNull(privateKeyPem, "private key");
            Objects.requireNonNull(clientCaPem, "client CA");
        }
    }

    public static final int DEFAULT_MAX_REQUEST_BYTES = 64 * 1024;
    /** Any client on a working network sends the largest body (64 KiB) in well under a second. */
    public static final Duration DEFAULT_BODY_READ_TIMEOUT = Duration.ofSeconds(10);

    public ServiceConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(stopTimeout, "stop timeout");
        Objects.requireNonNull(rateLimit, "rate limit");
        Objects.requireNonNull(bodyReadTimeout, "body read timeout");
        if (bodyReadTimeout.isNegative() || bodyReadTimeout.isZero()) {
            throw new IllegalArgumentException("the body read timeout must be positive");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, got " + port);
        }
        if (tls.isEmpty() && !isLoopback(host)) {
            throw new IllegalArgumentException("plain HTTP is allowed only on a loopback address, not " + host
                    + ": give --tls-cert and --tls-key");
        }
    }

    public ServiceConfig(String host, int port, Optional<Tls> tls) {
        this(host, port, tls, Duration.ofSeconds(30), DEFAULT_MAX_REQUEST_BYTES, Optional.empty(),
                DEFAULT_BODY_READ_TIMEOUT);
    }

    public ServiceConfig withRateLimit(Optional<RateLimit> limit) {
        return new ServiceConfig(host, port, tls, stopTimeout, maxRequestBytes, limit, bodyReadTimeout);
    }

    public ServiceConfig withBodyReadTimeout(Duration timeout) {
        return new ServiceConfig(host, port, tls, stopTimeout, maxRequestBytes, rateLimit, timeout);
    }

    static boolean isLoopback(String host) {
        try {
            InetAddress[] addresses = InetAddress.getAllByName(host);
            for (InetAddress address : addresses) {
                if (!address.isLoopbackAddress()) {
                    return false;
                }
            }
            return addresses.length > 0;
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
