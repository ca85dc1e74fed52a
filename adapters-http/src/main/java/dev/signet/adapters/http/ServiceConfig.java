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
 */
public record ServiceConfig(String host, int port, Optional<Tls> tls, Duration stopTimeout, int maxRequestBytes) {

    /** The server's certificate chain and private key (PKCS#8), and the CAs whose client certificates it asks for. */
    public record Tls(Path certificateChainPem, Path privateKeyPem, Optional<Path> clientCaPem) {
        public Tls {
            Objects.requireNonNull(certificateChainPem, "certificate");
            Objects.requireNonNull(privateKeyPem, "private key");
            Objects.requireNonNull(clientCaPem, "client CA");
        }
    }

    public static final int DEFAULT_MAX_REQUEST_BYTES = 64 * 1024;

    public ServiceConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(stopTimeout, "stop timeout");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, got " + port);
        }
        if (tls.isEmpty() && !isLoopback(host)) {
            throw new IllegalArgumentException("plain HTTP is allowed only on a loopback address, not " + host
                    + ": give --tls-cert and --tls-key");
        }
    }

    public ServiceConfig(String host, int port, Optional<Tls> tls) {
        this(host, port, tls, Duration.ofSeconds(30), DEFAULT_MAX_REQUEST_BYTES);
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
