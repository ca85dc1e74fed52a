package dev.signet.domain.time;

import dev.signet.domain.SignetException;

/** Signing asked for a timestamp and the TSA gave none that holds; no signature is written or stored. */
public final class TimestampFailed extends SignetException {
    public TimestampFailed(String reason) {
        super("timestamping failed: " + reason);
    }

    public TimestampFailed(String reason, Throwable cause) {
        super("timestamping failed: " + reason, cause);
    }
}
