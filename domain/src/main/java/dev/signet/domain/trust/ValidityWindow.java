package dev.signet.domain.trust;

import dev.signet.domain.Require;
import java.time.Instant;
import java.util.Optional;

/**
 * When a trusted key counts: from {@code notBefore} through {@code notAfter}, both inclusive, either open. A
 * signature is judged at its time basis's time, so one timestamped inside the window keeps verifying after the
 * window closed, and one without a trusted time verifies only while the window is open now.
 */
public record ValidityWindow(Optional<Instant> notBefore, Optional<Instant> notAfter) {
    public static final ValidityWindow ALWAYS = new ValidityWindow(Optional.empty(), Optional.empty());

    public ValidityWindow {
        Require.present(notBefore, "not-before time");
        Require.present(notAfter, "not-after time");
        if (notBefore.isPresent() && notAfter.isPresent() && notAfter.get().isBefore(notBefore.get())) {
            throw new IllegalArgumentException("a validity window cannot end (" + notAfter.get()
                    + ") before it begins (" + notBefore.get() + ")");
        }
    }

    public boolean contains(Instant time) {
        Require.present(time, "time");
        return notBefore.filter(time::isBefore).isEmpty() && notAfter.filter(time::isAfter).isEmpty();
    }

    public boolean isBounded() {
        return notBefore.isPresent() || notAfter.isPresent();
    }

    /** e.g. {@code valid from 2026-01-01T00:00:00Z until 2027-01-01T00:00:00Z}; empty text when always valid. */
    public String describe() {
        return (notBefore.map(at -> "valid from " + at).orElse("")
                + notAfter.map(at -> (notBefore.isPresent() ? " until " : "valid until ") + at).orElse(""));
    }
}
