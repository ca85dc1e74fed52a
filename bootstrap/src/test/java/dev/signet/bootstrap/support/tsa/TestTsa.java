package dev.signet.bootstrap.support.tsa;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * An RFC 3161 TSA for tests, on 127.0.0.1 at an ephemeral port: POSTed TimeStampReq bytes in, TimeStampResp
 * bytes out. Subclasses answer with Bouncy Castle ({@link BouncyCastleTsa}) or the openssl CLI
 * ({@link OpenSslTsa}), two independent implementations. {@link #caCertificate()} is the PEM a verifier
 * trusts ({@code --tsa-cert}, {@code trust tsa add}).
 */
public abstract class TestTsa implements AutoCloseable {
    private final HttpServer server;
    private volatile UnaryOperator<byte[]> replyFilter = UnaryOperator.identity();

    protected TestTsa() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        server.createContext("/tsa", exchange -> {
            try (InputStream in = exchange.getRequestBody(); OutputStream out = exchange.getResponseBody()) {
                byte[] reply;
                try {
                    reply = replyFilter.apply(reply(in.readAllBytes()));
                } catch (RuntimeException e) {
                    exchange.sendResponseHeaders(500, -1);
                    return;
                }
                exchange.getResponseHeaders().add("Content-Type", "application/timestamp-reply");
                exchange.sendResponseHeaders(200, reply.length);
                out.write(reply);
            }
        });
    }

    protected final void start() {
        server.start();
    }

    /** The TimeStampResp for a TimeStampReq. */
    protected abstract byte[] reply(byte[] request);

    /** The PEM of the certificate a verifier should trust for this TSA (its CA's). */
    public abstract Path caCertificate();

    /** The PEM of the TSA's own signing certificate. */
    public abstract Path tsaCertificate();

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/tsa");
    }

    /** Every later reply passes through {@code filter} (to corrupt or replace it); identity restores. */
    public void answerWith(UnaryOperator<byte[]> filter) {
        this.replyFilter = filter;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
