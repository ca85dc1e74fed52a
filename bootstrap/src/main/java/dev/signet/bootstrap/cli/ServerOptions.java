package dev.signet.bootstrap.cli;

import java.net.URI;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Sign or verify through a Signet service (`signet serve`) instead of a local store: where it is and who we are. */
final class ServerOptions {
    @Option(names = "--server", paramLabel = "URL",
            description = "Through the Signet service at URL (https; http only on a loopback address).")
    URI url;

    @Option(names = "--token-file", paramLabel = "FILE",
            description = "With --server: the bearer token (a Signet token or an OIDC identity token), owner-only. Default: SIGNET_TOKEN.")
    Path tokenFile;

    @Option(names = "--ca-file", paramLabel = "PEM", description = "With --server: the CA certificate(s) to trust the server's certificate by.")
    Path caFile;

    @Option(names = "--client-cert", paramLabel = "PEM", description = "With --server: a client certificate (chain) for mutual TLS.")
    Path clientCert;

    @Option(names = "--client-key", paramLabel = "PEM", description = "With --server: the client certificate's private key (unencrypted PKCS#8).")
    Path clientKey;

    boolean given() {
        return url != null;
    }
}
