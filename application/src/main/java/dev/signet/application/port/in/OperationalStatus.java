package dev.signet.application.port.in;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What an operator watches on a running node: signatures answered since it started, by key backend
 * ({@code software} or {@code hsm}), audit records waiting for the group commit, and, with an HSM configured,
 * how many of its pooled sessions are in use.
 */
public record OperationalStatus(Map<String, Long> signaturesByBackend, long auditQueueDepth,
        Optional<HsmSessions> hsmSessions) {
    public static final OperationalStatus NONE = new OperationalStatus(Map.of(), 0, Optional.empty());

    public OperationalStatus {
        signaturesByBackend = Map.copyOf(signaturesByBackend);
        Objects.requireNonNull(hsmSessions, "hsm sessions");
    }

    public long signatures(String backend) {
        return signaturesByBackend.getOrDefault(backend, 0L);
    }

    /** {@code inUse} of the token's {@code sessions} pooled sessions are lent to a call now. */
    public record HsmSessions(int sessions, int inUse) {
    }
}
