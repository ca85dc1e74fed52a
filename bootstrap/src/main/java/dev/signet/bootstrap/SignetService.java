package dev.signet.bootstrap;

import dev.signet.adapters.http.ServiceConfig;
import dev.signet.adapters.http.ServicePorts;
import dev.signet.adapters.oidc.IdentityConfig;
import dev.signet.adapters.oidc.IdentityConfigFile;
import dev.signet.adapters.oidc.NimbusIdentityTokenVerifier;
import dev.signet.application.port.in.AuthenticateUseCase;
import dev.signet.application.port.out.IdentityTokenVerifier;
import dev.signet.application.service.AuthenticationService;
import dev.signet.adapters.http.SignetHttpServer;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Clock;
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
     * @param requestsPerSecondPerPrincipal 0: no rate limit; else a principal over it gets 429
     * @param tlsCertificate with {@code tlsKey}: serve HTTPS; without, plain HTTP on a loopback address only
     * @throws IllegalArgumentException for plain HTTP on a non-loopback address, or unreadable TLS files
     */
    public static SignetService start(Signet signet, String host, int port, Optional<Path> tlsCertificate,
            Optional<Path> tlsKey, Optional<Path> clientCa) {
        return start(signet, host, port, tlsCertificate, tlsKey, clientCa, Optional.empty(), 0);
    }

    /**
     * As above, with an identity configuration ({@link IdentityConfigFile}): OIDC identity tokens from CI and client
     * certificates are then principals too, besides Signet's own tokens; and at most
     * {@code requestsPerSecondPerPrincipal} requests per second for each principal (0: no limit).
     *
     * @throws dev.signet.adapters.oidc.InvalidIdentityConfig when the configuration cannot be used
     */
    public static SignetService start(Signet signet, String host, int port, Optional<Path> tlsCertificate,
            Optional<Path> tlsKey, Optional<Path> clientCa, Optional<Path> identityConfig,
            int requestsPerSecondPerPrincipal) {
        return start(signet, host, port, tlsCertificate, tlsKey, clientCa, identityConfig,
                requestsPerSecondPerPrincipal, ServiceConfig.DEFAULT_BODY_READ_TIMEOUT);
    }

    /** As above; a request body must arrive within {@code bodyReadTimeout} in all, or 408 and the connection closed. */
    public static SignetService start(Signet signet, String host, int port, Optional<Path> tlsCertificate,
            Optional<Path> tlsKey, Optional<Path> clientCa, Optional<Path> identityConfig,
            int requestsPerSecondPerPrincipal, Duration bodyReadTimeout) {
        Objects.requireNonNull(signet, "signet");
        if (tlsCertificate.isPresent() != tlsKey.isPresent()) {
            throw new IllegalArgumentException("--tls-cert and --tls-key go together");
        }
        if (clientCa.isPresent() && tlsCertificate.isEmpty()) {
            throw new IllegalArgumentException("--client-ca needs TLS (--tls-cert and --tls-key)");
        }
        Optional<ServiceConfig.Tls> tls = tlsCertificate.map(cert -> new ServiceConfig.Tls(cert, tlsKey.get(), clientCa));
        if (requestsPerSecondPerPrincipal < 0) {
            throw new IllegalArgumentException("--rate-limit must be 0 (off) or more, got " + requestsPerSecondPerPrincipal);
        }
        Optional<ServiceConfig.RateLimit> limit = requestsPerSecondPerPrincipal == 0 ? Optional.empty()
                : Optional.of(new ServiceConfig.RateLimit(requestsPerSecondPerPrincipal, Duration.ofSeconds(1)));
        // an organization's name is resolved to its id once, at start, as `--org` is on the command line
        IdentityConfig identity = identityConfig.map(file -> IdentityConfigFile.read(file,
                org -> signet.servicePorts().organizations().resolve(org).id())).orElse(IdentityConfig.none());
        SignetHttpServer server = new SignetHttpServer(withIdentities(signet.servicePorts(), identity),
                new ServiceConfig(host, port, tls).withRateLimit(limit).withBodyReadTimeout(bodyReadTimeout));
        server.start();
        return new SignetService(server);
    }

    /** Authentication that also knows OIDC identity tokens and client certificates, by the configuration's rules. */
    private static ServicePorts withIdentities(ServicePorts ports, IdentityConfig identity) {
        Optional<IdentityTokenVerifier> identityTokens = identity.providers().isEmpty() ? Optional.empty()
                : Optional.of(new NimbusIdentityTokenVerifier(identity.providers(), Clock.systemUTC()));
        AuthenticateUseCase authenticate = new AuthenticationService(ports.authenticate(), identityTokens,
                identity.rules());
        return new ServicePorts(authenticate, ports.signDigest(), ports.verifyDigest(), ports.publicKeys(),
                ports.organizations(), ports.readiness(), ports.administer(), ports.auditTrail());
    }

    public URI url() {
        return server.url();
    }

    @Override
    public void close() {
        server.close();
    }
}
