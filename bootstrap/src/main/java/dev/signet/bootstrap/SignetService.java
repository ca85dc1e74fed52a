package dev.signet.bootstrap;

import dev.signet.adapters.http.ServiceConfig;
import dev.signet.adapters.http.SignetHttpServer;
import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The Signet service over one Signet (its store, KEK and HSM): the HTTP adapter wired to the in-ports. Closing
 * it stops taking requests and lets those in flight finish; the Signet is the caller's to close afterwards, which
 * writes the audit records still queued.
 */
public final class SignetService implements AutoCloseable {
    private final SignetHttpServer server;

    private SignetService(SignetHttpServer server) {
        this.server = server;
    }

    /**
     * @param tlsCertificate with {@code tlsKey}: serve HTTPS; without, plain HTTP on a loopback address only
     * @throws IllegalArgumentException for plain HTTP on a non-loopback address, or unreadable TLS files
     */
    public static SignetService start(Signet signet, String host, int port, Optional<Path> tlsCertificate,
            Optional<Path> tlsKey, Optional<Path> clientCa) {
        Objects.requireNonNull(signet, "signet");
        if (tlsCertificate.isPresent() != tlsKey.isPresent()) {
            throw new IllegalArgumentException("--tls-cert and --tls-key go together");
        }
        if (clientCa.isPresent() && tlsCertificate.isEmpty()) {
            throw new IllegalArgumentException("--client-ca needs TLS (--tls-cert and --tls-key)");
        }
        Optional<ServiceConfig.Tls> tls = tlsCertificate.map(cert -> new ServiceConfig.Tls(cert, tlsKey.get(), clientCa));
        SignetHttpServer server = new SignetHttpServer(signet.servicePorts(), new ServiceConfig(host, port, tls));
        server.start();
        return new SignetService(server);
    }

    public URI url() {
        return server.url();
    }

    @Override
    public void close() {
        server.close();
    }
}
