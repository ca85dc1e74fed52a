package dev.signet.adapters.http;

import dev.signet.application.port.in.IdempotencyKeyReused;
import dev.signet.domain.Conflict;
import dev.signet.domain.NotFound;
import dev.signet.domain.SignetException;
import dev.signet.domain.key.KeyEncryptionKeyRequired;
import dev.signet.domain.key.SigningKeyRevoked;
import dev.signet.domain.principal.Forbidden;
import dev.signet.domain.principal.Unauthenticated;
import dev.signet.domain.time.TimestampFailed;
import dev.signet.domain.verification.VerificationFailure;

/**
 * An RFC 9457 problem: status, a title that names the error (for a failed verification one of the five failure
 * names), and a detail made from Signet's own message, which by rule never holds a secret; a request's credential
 * is never part of any message.
 */
record Problem(int status, String title, String detail) {
    static final String MEDIA_TYPE = "application/problem+json";
    /**
     * Failures of a store that does not answer, or of a PKCS#11 token the service was not given, named: this
     * adapter knows only the in-ports.
     */
    private static final java.util.Set<String> UNAVAILABLE = java.util.Set.of("AuditUnavailable", "DatabaseUnavailable",
            "HsmNotConfigured");

    static Problem badRequest(String detail) {
        return new Problem(400, "BadRequest", detail);
    }

    static Problem of(RuntimeException e) {
        String name = e.getClass().getSimpleName();
        if (e instanceof Unauthenticated) {
            return new Problem(401, name, "a valid credential is required (" + oneLine(e.getMessage()) + ")");
        } else if (e instanceof Forbidden || e instanceof SigningKeyRevoked) {
            // a revoked key is a key the caller may no longer sign with, as a key outside its scope: 403
            return new Problem(403, name, oneLine(e.getMessage()));
        } else if (e instanceof NotFound) {
            return new Problem(404, name, oneLine(e.getMessage()));
        } else if (e instanceof Conflict) {
            return new Problem(409, name, oneLine(e.getMessage()));
        } else if (e instanceof VerificationFailure || e instanceof IdempotencyKeyReused) {
            return new Problem(422, name, oneLine(e.getMessage()));
        } else if (e instanceof TimestampFailed) {
            return new Problem(502, name, oneLine(e.getMessage())); // the TSA upstream failed: no signature made
        } else if (UNAVAILABLE.contains(name) || e instanceof KeyEncryptionKeyRequired) {
            return new Problem(503, name, oneLine(e.getMessage()));
        } else if (e instanceof PrincipalRateLimits.TooManyRequests) {
            return new Problem(429, "TooManyRequests", oneLine(e.getMessage()));
        } else if (e instanceof ApiHandler.RequestTimeout) {
            return new Problem(408, "RequestTimeout", oneLine(e.getMessage()));
        } else if (e instanceof ApiHandler.BatchTooLarge) {
            return new Problem(413, "BatchTooLarge", oneLine(e.getMessage()));
        } else if (e instanceof ApiHandler.RequestTooLarge) {
            return new Problem(413, "RequestTooLarge", oneLine(e.getMessage()));
        } else if (e instanceof IllegalArgumentException || e instanceof dev.signet.domain.key.MalformedKey) {
            return badRequest(oneLine(e.getMessage()));
        } else if (e instanceof SignetException) {
            return new Problem(500, name, oneLine(e.getMessage()));
        }
        return new Problem(500, "InternalError", "the request failed inside the service; see its log");
    }

    String type() {
        return "https://signet.dev/problems/" + title;
    }

    private static String oneLine(String message) {
        return message == null ? "" : message.replaceAll("\\s+", " ").strip();
    }
}
