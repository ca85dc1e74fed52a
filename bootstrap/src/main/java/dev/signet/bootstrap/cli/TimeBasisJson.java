package dev.signet.bootstrap.cli;

import dev.signet.domain.time.TimeBasis;

/**
 * The {@code time_basis} object of --json results: {@code kind} (trusted_time or current_time), {@code time},
 * {@code tsa_subject} for a trusted time, {@code unchecked_timestamp} when a timestamp did not count, and
 * {@code description}, the phrase the text output prints.
 */
final class TimeBasisJson {
    private TimeBasisJson() {
    }

    static JsonLine of(TimeBasis basis) {
        JsonLine json = new JsonLine();
        if (basis instanceof TimeBasis.TrustedTime trusted) {
            json.put("kind", "trusted_time").put("time", trusted.time()).put("tsa_subject", trusted.tsaSubject());
        } else if (basis instanceof TimeBasis.CurrentTime current) {
            json.put("kind", "current_time").put("time", current.time());
            current.uncheckedTimestamp().ifPresent(why -> json.put("unchecked_timestamp", why));
        }
        return json.put("description", basis.describe());
    }
}
