package dev.signet.benchmarks;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * An open-loop load client for ./run-service-benchmarks: POSTs at a fixed arrival rate (request i is due at
 * start + i / rate, whether or not the earlier ones have been answered) and measures each latency from the
 * time the request was <em>due</em>, not from when it could be sent, so a stalled server shows in the
 * percentiles instead of slowing the client down (no coordinated omission). At most CONNECTIONS requests are in
 * flight (HTTP/1.1 keep-alive, so as many connections, as wrk2 has): a request due while all are busy waits for
 * one, and that wait is part of its latency. Without the cap a backlog would open new connections, each a TLS
 * handshake, on the cores the server needs. The cap must be well above rate x the server's latency, or the
 * percentiles measure this client's own queue rather than the server: ./run-service-benchmarks gives 16
 * (at 500 /s and 4 ms that is 2 in flight on average, so a request waits for a connection only when the server
 * has stalled, and then the wait is the server's). wrk, which ./run-service-benchmarks
 * uses for the peak rates, is closed-loop and cannot do this; wrk2 is not packaged for Debian.
 *
 * <p>Bodies: {@code sign:KEY_ID} makes a signing request for a new random package hash each time;
 * {@code lines:FILE} cycles through the file's lines (one JSON body each). A warm-up at the same rate comes first
 * and is not counted. Prints one line of {@code key=value} pairs (latencies in milliseconds) for the summary.
 *
 * <pre>java -cp benchmarks.jar dev.signet.benchmarks.FixedRateLoad URL TOKEN_FILE CA_PEM RATE SECONDS WARMUP_SECONDS
 *     BODIES EXPECTED_STATUS
 *     CONNECTIONS</pre>
 */
public final class FixedRateLoad {
    private FixedRateLoad() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 9) {
            System.err.println("usage: FixedRateLoad URL TOKEN_FILE CA_PEM RATE SECONDS WARMUP_SECONDS BODIES EXPECTED_STATUS "
                    + "CONNECTIONS");
            System.exit(2);
        }
        URI url = URI.create(args[0]);
        String token = Files.readString(Path.of(args[1])).strip();
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(trusting(Path.of(args[2])))
                .connectTimeout(Duration.ofSeconds(10)).build();
        double rate = Double.parseDouble(args[3]);
        Bodies bodies = Bodies.of(args[6]);
        int expected = Integer.parseInt(args[7]);
        Semaphore connections = new Semaphore(Integer.parseInt(args[8]));

        run(client, url, token, bodies, rate, Double.parseDouble(args[5]), expected, connections); // warm-up, not counted
        Outcome outcome = run(client, url, token, bodies, rate, Double.parseDouble(args[4]), expected, connections);
        long[] sorted = outcome.latenciesNanos.clone();
        Arrays.sort(sorted);
        System.out.println(String.format(Locale.ROOT,
                "target_rps=%.1f connections=%s achieved_rps=%.1f requests=%d bad=%d p50_ms=%.3f p90_ms=%.3f p99_ms=%.3f "
                        + "p999_ms=%.3f max_ms=%.3f",
                rate, args[8], outcome.requests / outcome.seconds, outcome.requests, outcome.bad, millis(sorted, 0.50),
                millis(sorted, 0.90), millis(sorted, 0.99), millis(sorted, 0.999), sorted[sorted.length - 1] / 1e6));
        if (outcome.bad > 0) {
            System.exit(1);
        }
    }

    private record Outcome(long[] latenciesNanos, long requests, long bad, double seconds) {
    }

    private static Outcome run(HttpClient client, URI url, String token, Bodies bodies, double rate, double seconds,
            int expected, Semaphore connections) {
        int count = Math.max(1, (int) Math.round(rate * seconds));
        long period = Math.round(1e9 / rate);
        long[] latencies = new long[count];
        AtomicLong bad = new AtomicLong();
        CompletableFuture<?>[] answers = new CompletableFuture<?>[count];
        long start = System.nanoTime() + 10_000_000L;
        for (int i = 0; i < count; i++) {
            long due = start + i * period;
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            connections.acquireUninterruptibly(); // late when all are busy: the wait counts, from the due time
            HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(bodies.next())).build();
            int index = i;
            answers[i] = client.sendAsync(request, HttpResponse.BodyHandlers.ofString()).handle((response, failure) -> {
                latencies[index] = System.nanoTime() - due;
                connections.release();
                if (failure != null || response.statusCode() != expected) {
                    if (bad.incrementAndGet() <= 3) {
                        System.err.println("FixedRateLoad: unexpected answer: "
                                + (failure != null ? failure.toString() : response.statusCode() + " " + response.body()));
                    }
                }
                return null;
            });
        }
        CompletableFuture.allOf(answers).join();
        double elapsed = (System.nanoTime() - start) / 1e9;
        return new Outcome(latencies, count, bad.get(), elapsed);
    }

    private static double millis(long[] sorted, double quantile) {
        int index = (int) Math.ceil(quantile * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }

    private static SSLContext trusting(Path caPem) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(caPem))));
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }

    /** Where the request bodies come from (called from the one sending thread only). */
    private interface Bodies {
        String next();

        static Bodies of(String spec) throws Exception {
            if (spec.startsWith("sign:")) {
                String keyId = spec.substring("sign:".length());
                SecureRandom random = new SecureRandom();
                byte[] hash = new byte[32];
                return () -> {
                    random.nextBytes(hash);
                    return "{\"key_id\":\"" + keyId + "\",\"package_hash\":\"" + HexFormat.of().formatHex(hash) + "\"}";
                };
            }
            if (spec.startsWith("lines:")) {
                List<String> lines = Files.readAllLines(Path.of(spec.substring("lines:".length()))).stream()
                        .filter(line -> !line.isBlank()).toList();
                int[] next = {0};
                return () -> lines.get(next[0]++ % lines.size());
            }
            throw new IllegalArgumentException("bodies must be sign:KEY_ID or lines:FILE, got " + spec);
        }
    }
}
