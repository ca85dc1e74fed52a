package dev.signet.adapters.crypto.soft.tsp;

import dev.signet.application.port.out.Timestamper;
import dev.signet.domain.signature.Ed25519Signature;
import dev.signet.domain.time.TimestampFailed;
import dev.signet.domain.time.TimestampToken;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import org.bouncycastle.asn1.cmp.PKIStatus;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampToken;
import org.bouncycastle.tsp.TimeStampTokenInfo;

/**
 * RFC 3161 over HTTP (RFC 3161 section 3.4: POST application/timestamp-query, answer
 * application/timestamp-reply), with Bouncy Castle's TSP classes for the protocol. The answer is checked
 * before it is used: status granted, a token present, the imprint and the nonce ours.
 */
public final class Rfc3161Timestamper implements Timestamper {
    /** A reply with a certificate chain is a few KiB; a TSA that sends megabytes is not answering. */
    private static final int MAX_REPLY_BYTES = 256 * 1024;

    private final Duration timeout;
    // Made on the first timestamp: every signing command builds a Timestamper, few ask a TSA, and an HttpClient
    // starts the platform logging (and with it logback) when it is built.
    private HttpClient http;
    private SecureRandom random;

    public Rfc3161Timestamper() {
        this(Duration.ofSeconds(30));
    }

    public Rfc3161Timestamper(Duration timeout) {
        this.timeout = timeout;
    }

    private synchronized HttpClient http() {
        if (http == null) {
            http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
        }
        return http;
    }

    private synchronized BigInteger nonce() {
        if (random == null) {
            random = new SecureRandom();
        }
        return new BigInteger(63, random);
    }

    @Override
    public TimestampToken timestamp(URI tsa, Ed25519Signature signature) {
        byte[] imprint = SignatureImprint.of(signature);
        BigInteger nonce = nonce();
        TimeStampRequestGenerator generator = new TimeStampRequestGenerator();
        generator.setCertReq(true);
        TimeStampRequest request = generator.generate(TSPAlgorithms.SHA256, imprint, nonce);
        TimeStampResponse response = parse(post(tsa, encoded(request)));
        return check(request, response, imprint, nonce);
    }

    private static byte[] encoded(TimeStampRequest request) {
        try {
            return request.getEncoded();
        } catch (IOException e) {
            throw new TimestampFailed("cannot encode the request (" + e.getMessage() + ")", e);
        }
    }

    private byte[] post(URI tsa, byte[] body) {
        if (!"http".equalsIgnoreCase(tsa.getScheme()) && !"https".equalsIgnoreCase(tsa.getScheme())) {
            throw new TimestampFailed("TSA URL " + tsa + " is not http or https");
        }
        HttpRequest request = HttpRequest.newBuilder(tsa).timeout(timeout)
                .header("Content-Type", "application/timestamp-query")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        try {
            HttpResponse<InputStream> response = http().send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                byte[] reply = in.readNBytes(MAX_REPLY_BYTES + 1);
                if (response.statusCode() != 200) {
                    throw new TimestampFailed("TSA " + tsa + " answered HTTP " + response.statusCode());
                }
                if (reply.length > MAX_REPLY_BYTES) {
                    throw new TimestampFailed("TSA " + tsa + " answered more than " + MAX_REPLY_BYTES + " bytes");
                }
                return reply;
            }
        } catch (IOException e) {
            throw new TimestampFailed("TSA " + tsa + " cannot be reached (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TimestampFailed("interrupted while waiting for TSA " + tsa, e);
        }
    }

    private static TimeStampResponse parse(byte[] reply) {
        try {
            return new TimeStampResponse(reply);
        } catch (TSPException | IOException | RuntimeException e) {
            throw new TimestampFailed("the TSA's answer is not an RFC 3161 TimeStampResp (" + e.getMessage() + ")", e);
        }
    }

    private static TimestampToken check(TimeStampRequest request, TimeStampResponse response, byte[] imprint,
            BigInteger nonce) {
        int status = response.getStatus();
        if (status != PKIStatus.GRANTED && status != PKIStatus.GRANTED_WITH_MODS) {
            throw new TimestampFailed("TSA refused the request: status " + status
                    + (response.getStatusString() == null ? "" : " (" + response.getStatusString() + ")")
                    + (response.getFailInfo() == null ? "" : ", failure info " + response.getFailInfo().intValue()));
        }
        TimeStampToken token = response.getTimeStampToken();
        if (token == null) {
            throw new TimestampFailed("TSA granted the request but sent no token");
        }
        TimeStampTokenInfo info = token.getTimeStampInfo();
        if (!TSPAlgorithms.SHA256.equals(info.getMessageImprintAlgOID())
                || !Arrays.equals(imprint, info.getMessageImprintDigest())) {
            throw new TimestampFailed("the token's imprint is not the SHA-256 of this signature");
        }
        if (!nonce.equals(info.getNonce())) {
            throw new TimestampFailed("the token's nonce is not the request's (a replayed or foreign answer)");
        }
        try {
            response.validate(request);
            return new TimestampToken(token.getEncoded());
        } catch (TSPException | IOException | IllegalArgumentException e) {
            throw new TimestampFailed("the TSA's answer does not hold (" + e.getMessage() + ")", e);
        }
    }
}
