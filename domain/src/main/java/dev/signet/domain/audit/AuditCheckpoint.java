package dev.signet.domain.audit;

import dev.signet.domain.Require;
import dev.signet.domain.signature.SignedMessage;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.regex.Pattern;

/**
 * What an audit checkpoint states, in the manner of Certificate Transparency's signed tree head: at
 * {@code time}, the audit chain's record at {@code position} had the hash {@code chainHash}. Since each
 * record's hash covers every record before it, that fixes the whole chain up to {@code position}: whoever
 * holds a signed checkpoint detects any later deletion or rewrite of those records, head included.
 *
 * <p>The signed message ({@link #signedMessage()}) is this UTF-8 text:
 * <pre>
 * "signet audit checkpoint v1\n" || position || "\n" || chain_hash || "\n" || time || "\n"
 * </pre>
 * position in decimal without leading zeros, chain_hash as 64 lowercase hex characters, time as ISO-8601 UTC
 * to the millisecond, always with three fraction digits ({@code 2026-12-02T01:00:00.000Z}).
 */
public record AuditCheckpoint(long position, String chainHash, Instant time) {
    public static final String PREFIX = "signet audit checkpoint v1\n";
    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final Instant EARLIEST = Instant.parse("0000-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999Z");

    public AuditCheckpoint {
        if (position < 1) {
            throw new IllegalArgumentException("a checkpoint names a record of the audit chain, from 1 on; got "
                    + position);
        }
        Require.present(chainHash, "chain hash");
        if (!HASH.matcher(chainHash).matches()) {
            throw new IllegalArgumentException("a checkpoint's chain hash is 64 lowercase hex characters");
        }
        Require.present(time, "checkpoint time");
        if (time.getNano() % 1_000_000 != 0) {
            throw new IllegalArgumentException("a checkpoint's time is kept to the millisecond, got " + time);
        }
        if (time.isBefore(EARLIEST) || time.isAfter(LATEST)) {
            throw new IllegalArgumentException("a checkpoint's time lies in the years 0000 to 9999, got " + time);
        }
    }

    /** The checkpoint of the chain's head ({@code position}, {@code chainHash}), its time cut to the millisecond. */
    public static AuditCheckpoint of(long position, String chainHash, Instant time) {
        return new AuditCheckpoint(position, chainHash, Require.present(time, "checkpoint time")
                .truncatedTo(ChronoUnit.MILLIS));
    }

    /** The time as the signed text and the checkpoint file write it. */
    public String timeText() {
        return TIME.format(time);
    }

    /** The exact text that is signed. */
    public String canonicalText() {
        return PREFIX + position + "\n" + chainHash + "\n" + timeText() + "\n";
    }

    public SignedMessage signedMessage() {
        return SignedMessage.forStatement(canonicalText());
    }
}
