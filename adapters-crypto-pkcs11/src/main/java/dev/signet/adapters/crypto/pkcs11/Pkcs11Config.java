package dev.signet.adapters.crypto.pkcs11;

import dev.signet.domain.Require;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;

/**
 * How to reach the token that holds Signet's HSM keys.
 *
 * @param library            the PKCS#11 module, e.g. /usr/lib/softhsm/libsofthsm2.so
 * @param tokenLabel         the token's CKA_LABEL: tokens are found by label, never by slot id, since
 *                           slot ids are not stable (SoftHSM gives an initialised token a random one)
 * @param pin                the user PIN; the record keeps its own copy and hands out copies
 * @param poolSize           how many logged-in sessions to keep; also the most token calls in flight
 * @param maxAttempts        attempts per operation when a session, login or token is lost (1 = no retry)
 * @param retryWait          pause between such attempts
 * @param acquireTimeout     how long a call waits for a free session before failing
 * @param circuitOpenFor     how long calls fail at once after the token kept failing, before it is tried again
 */
public record Pkcs11Config(Path library, String tokenLabel, char[] pin, int poolSize, int maxAttempts,
        Duration retryWait, Duration acquireTimeout, Duration circuitOpenFor) {

    public static final int DEFAULT_MAX_ATTEMPTS = 3;
    public static final Duration DEFAULT_RETRY_WAIT = Duration.ofMillis(50);
    public static final Duration DEFAULT_ACQUIRE_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_CIRCUIT_OPEN_FOR = Duration.ofSeconds(30);

    public Pkcs11Config {
        Require.present(library, "PKCS#11 library");
        // CK_TOKEN_INFO.label is 32 bytes; KeyCustody.Hsm allows 32 characters.
        tokenLabel = Require.name(tokenLabel, 32, "token label");
        Require.present(pin, "token PIN");
        if (pin.length == 0) {
            throw new IllegalArgumentException("token PIN must not be empty");
        }
        pin = pin.clone();
        if (poolSize < 1 || poolSize > 256) {
            throw new IllegalArgumentException("PKCS#11 session pool size must be 1 to 256, got " + poolSize);
        }
        if (maxAttempts < 1 || maxAttempts > 10) {
            throw new IllegalArgumentException("PKCS#11 attempts must be 1 to 10, got " + maxAttempts);
        }
        requirePositive(retryWait, "PKCS#11 retry wait", true);
        requirePositive(acquireTimeout, "PKCS#11 session acquire timeout", false);
        requirePositive(circuitOpenFor, "PKCS#11 circuit-open duration", false);
    }

    /** With the default attempts (3), retry wait (50 ms), acquire timeout (30 s) and circuit-open time (30 s). */
    public Pkcs11Config(Path library, String tokenLabel, char[] pin, int poolSize) {
        this(library, tokenLabel, pin, poolSize, DEFAULT_MAX_ATTEMPTS, DEFAULT_RETRY_WAIT, DEFAULT_ACQUIRE_TIMEOUT,
                DEFAULT_CIRCUIT_OPEN_FOR);
    }

    /** A copy of the PIN: the caller wipes it after use. */
    @Override
    public char[] pin() {
        return pin.clone();
    }

    /** Overwrites this record's copy of the PIN, once nothing needs it any more. */
    public void wipePin() {
        Arrays.fill(pin, '\0');
    }

    public Pkcs11Config withPoolSize(int size) {
        return new Pkcs11Config(library, tokenLabel, pin, size, maxAttempts, retryWait, acquireTimeout, circuitOpenFor);
    }

    public Pkcs11Config withTokenLabel(String label) {
        return new Pkcs11Config(library, label, pin, poolSize, maxAttempts, retryWait, acquireTimeout, circuitOpenFor);
    }

    public Pkcs11Config withLibrary(Path path) {
        return new Pkcs11Config(path, tokenLabel, pin, poolSize, maxAttempts, retryWait, acquireTimeout, circuitOpenFor);
    }

    public Pkcs11Config withPin(char[] newPin) {
        return new Pkcs11Config(library, tokenLabel, newPin, poolSize, maxAttempts, retryWait, acquireTimeout,
                circuitOpenFor);
    }

    public Pkcs11Config withResilience(int attempts, Duration wait, Duration acquire, Duration openFor) {
        return new Pkcs11Config(library, tokenLabel, pin, poolSize, attempts, wait, acquire, openFor);
    }

    /** Compares the PIN by content, as a record's generated equals would not for an array. */
    @Override
    public boolean equals(Object other) {
        return other instanceof Pkcs11Config that && library.equals(that.library) && tokenLabel.equals(that.tokenLabel)
                && Arrays.equals(pin, that.pin) && poolSize == that.poolSize && maxAttempts == that.maxAttempts
                && retryWait.equals(that.retryWait) && acquireTimeout.equals(that.acquireTimeout)
                && circuitOpenFor.equals(that.circuitOpenFor);
    }

    @Override
    public int hashCode() {
        // The PIN stays out of the hash, so that a hash never says anything about it.
        return Objects.hash(library, tokenLabel, poolSize, maxAttempts, retryWait, acquireTimeout,
                circuitOpenFor);
    }

    /** Never shows the PIN, not even its length. */
    @Override
    public String toString() {
        return "Pkcs11Config[library=" + library + ", tokenLabel=" + tokenLabel + ", pin=****, poolSize=" + poolSize
                + ", maxAttempts=" + maxAttempts + ", retryWait=" + retryWait + ", acquireTimeout=" + acquireTimeout
                + ", circuitOpenFor=" + circuitOpenFor + "]";
    }

    private static void requirePositive(Duration duration, String what, boolean zeroAllowed) {
        Require.present(duration, what);
        if (duration.isNegative() || (!zeroAllowed && duration.isZero())) {
            throw new IllegalArgumentException(what + " must be " + (zeroAllowed ? "zero or more" : "positive")
                    + ", got " + duration);
        }
    }
}
