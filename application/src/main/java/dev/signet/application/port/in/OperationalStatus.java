package dev.signet.application.port.in;

import java.util.Map;

/**
 * What an operator watches on a running node: signatures answered since it started, by key backend
 * ({@code software} or {@code hsm}), and audit records waiting for the group commit.
 */
public record OperationalStatus(Map<String, Long> signaturesByBackend, long auditQueueDepth) {
    public static final OperationalStatus NONE = new OperationalStatus(Map.of(), 0);

    public OperationalStatus {
        signaturesByBackend = Map.copyOf(signaturesByBackend);
    }

    public long signatures(String backend) {
        return signaturesByBackend.getOrDefault(backend, 0L);
    }
}
