package dev.signet.bootstrap.cli;

import dev.signet.bootstrap.Signet;
import dev.signet.bootstrap.SignetService;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "serve", mixinStandardHelpOptions = true, description = {
        "Run the Signet service: sign digests and verify for callers with a token (see: signet token create).",
        "Plain HTTP only on a loopback address; elsewhere give --tls-cert and --tls-key.",
        "Prints 'listening on URL' when ready; SIGTERM or SIGINT stop it after the requests in flight."})
final class ServeCommand implements Callable<Integer> {
    @ParentCommand
    SignetCli cli;

    @Spec
    CommandSpec spec;

    @Mixin
    GlobalOptions global;

    @Mixin
    StoreOptions store;

    @Option(names = "--listen", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:8080",
            description = "Where to listen (port 0: any free port). Default: ${DEFAULT-VALUE}")
    String listen;

    @Option(names = "--tls-cert", paramLabel = "PEM", description = "The server's certificate chain (PEM).")
    Path tlsCertificate;

    @Option(names = "--tls-key", paramLabel = "PEM", description = "The server's private key (unencrypted PKCS#8 PEM).")
    Path tlsKey;

    @Option(names = "--client-ca", paramLabel = "PEM",
            description = "Ask clients for a certificate issued by these CAs (PEM); needs TLS.")
    Path clientCa;

    @Option(names = "--rate-limit", paramLabel = "N", defaultValue = "0",
            description = "At most N requests per second for each principal (a token, ...) on this node; more get 429. "
                    + "Default: 0, no limit")
    int rateLimit;

    @Option(names = "--body-read-timeout", paramLabel = "SECONDS", defaultValue = "10",
            description = "A request body must arrive within this many seconds in all, or the request gets 408 and "
                    + "its connection is closed (a client trickling a body holds no thread). Default: 10")
    int bodyReadTimeoutSeconds;

    @Option(names = "--identity-config", paramLabel = "FILE", description = {
            "OIDC identity providers (CI tokens) and client-certificate rules, JSON (see docs/security.md)."})
    Path identityConfig;

    @Option(names = "--tsa-url", paramLabel = "URL", description = {
            "Timestamp every signature of POST /v1/signatures at this RFC 3161 TSA (http or https); a TSA that fails "
                    + "is a 502 and no signature. Default: $SIGNET_TSA_URL, else none."})
    URI tsaUrl;

    @Override
    public Integer call() {
        int colon = listen.lastIndexOf(':');
        String host = colon > 0 ? listen.substring(0, colon) : "";
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(listen.substring(colon + 1));
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (host.isEmpty() || port < 0 || port > 65535) {
            throw new ParameterException(spec.commandLine(), "--listen must be HOST:PORT, got '" + listen + "'");
        }
        CountDownLatch stop = new CountDownLatch(1);
        try (Signet signet = cli.openSignetToServe(global, store, TsaUrls.resolve(tsaUrl, cli.environment()))) {
            CliLogbackConfigurator.enableAccessLog(SignetHome.resolve(global.home, cli.environment()));
            SignetService service;
            try {
                service = SignetService.start(signet, host, port, Optional.ofNullable(tlsCertificate),
                        Optional.ofNullable(tlsKey), Optional.ofNullable(clientCa), Optional.ofNullable(identityConfig),
                        rateLimit, java.time.Duration.ofSeconds(Math.max(1, bodyReadTimeoutSeconds)));
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
            try (service) {
                StopSignals.onStop(stop::countDown);
                cli.output(global).print("listening on " + service.url(),
                        new JsonLine().put("listening", service.url()));
                cli.out().flush();
                awaitUninterruptibly(stop);
            }
            // closing the Signet next writes the audit records still queued
        }
        return ExitCodes.OK;
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                latch.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
