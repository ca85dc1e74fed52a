package dev.signet.application.port.in;

import java.util.List;

/** Whether this node can serve: the database answers (and, when configured, the HSM). */
public interface ReadinessUseCase {
    /** What is not ready, one line each; empty when ready. Never throws. */
    List<String> problems();

    /** What the node has done and holds, for its metrics. Never throws. */
    default OperationalStatus status() {
        return OperationalStatus.NONE;
    }
}
