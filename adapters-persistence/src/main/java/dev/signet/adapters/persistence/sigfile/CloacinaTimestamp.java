package dev.signet.adapters.persistence.sigfile;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * signed_at as Cloacina writes it (chrono's {@code to_rfc3339} in UTC) and as RFC 3339 allows it to be read.
 *
 * <p>Only the years 0000-9999 in UTC are supported both ways: RFC 3339 has exactly four year digits, and
 * keeping the reader to the writer's range means every signature that was read can be written again.
 * (chrono would print other years with a sign, e.g. {@code +10000-...}, which is not RFC 3339 and no reader
 * accepts; we refuse instead of writing that.)
 */
final class CloacinaTimestamp {
    static final Instant EARLIEST = Instant.parse("0000-01-01T00:00:00Z");
    static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999999Z");

    /**
     * RFC 3339 section 5.6, date-time. The ISO parser alone is too lax (it takes a time without seconds,
     * offsets with seconds, signed years), so the syntax is checked here and ISO then checks the ranges.
     */
    private static final Pattern DATE_TIME = Pattern.compile(
            "(\\d{4}-\\d{2}-\\d{2})[Tt](\\d{2}:\\d{2}):(\\d{2})(?:\\.(\\d+))?([Zz]|[+-]\\d{2}:\\d{2})");
    private static final int NANO_DIGITS = 9;

    private CloacinaTimestamp() {
    }

    /**
     * {@code 2026-01-28T12:00:00+00:00}, with 0, 3, 6 or 9 fraction digits: the fewest that show every
     * non-zero digit (chrono's SecondsFormat::AutoSi), and always {@code +00:00}, never {@code Z}.
     *
     * @throws IllegalArgumentException when the instant is outside the years 0000-9999 (UTC)
     */
    static String format(Instant instant) {
        requireSupported(instant);
        LocalDateTime t = LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
        StringBuilder text = new StringBuilder(35);
        pad(text, t.getYear(), 4).append('-');
        pad(text, t.getMonthValue(), 2).append('-');
        pad(text, t.getDayOfMonth(), 2).append('T');
        pad(text, t.getHour(), 2).append(':');
        pad(text, t.getMinute(), 2).append(':');
        pad(text, t.getSecond(), 2);
        appendFraction(text, t.getNano());
        return text.append("+00:00").toString();
    }

    /**
     * Any RFC 3339 date-time: {@code T} or {@code t}, {@code Z}, {@code z} or a {@code +hh:mm}/{@code -hh:mm}
     * offset, any number of fraction digits (beyond nanoseconds they are dropped, as chrono does). A leap
     * second {@code :60} is read as {@code :59} with its fraction: an Instant has no leap seconds, and chrono's
     * timestamp counts it the same way.
     *
     * @throws IllegalArgumentException with a one-line reason
     */
    static Instant parse(String text) {
        Matcher m = DATE_TIME.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("is not an RFC 3339 timestamp like 2026-01-28T12:00:00+00:00");
        }
        String seconds = m.group(3).equals("60") ? "59" : m.group(3);
        String fraction = m.group(4) == null ? "" : "." + truncate(m.group(4), NANO_DIGITS);
        String offset = m.group(5).equalsIgnoreCase("z") ? "Z" : m.group(5);
        String normalized = m.group(1) + 'T' + m.group(2) + ':' + seconds + fraction + offset;
        Instant instant;
        try {
            instant = OffsetDateTime.parse(normalized, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeException e) {
            // The parse exception repeats the whole text; its cause says what is wrong: "Invalid date 'FEBRUARY 30'".
            Throwable reason = e.getCause() != null ? e.getCause() : e;
            throw new IllegalArgumentException(
                    "is not a valid date and time (" + Reasons.oneLine(reason.getMessage()) + ")");
        }
        if (!isSupported(instant)) {
            throw new IllegalArgumentException("is outside the years 0000-9999 in UTC");
        }
        return instant;
    }

    private static void requireSupported(Instant instant) {
        if (!isSupported(instant)) {
            throw new IllegalArgumentException("signed_at " + instant
                    + " is outside the years 0000-9999 (UTC) that RFC 3339 can express");
        }
    }

    private static boolean isSupported(Instant instant) {
        return !instant.isBefore(EARLIEST) && !instant.isAfter(LATEST);
    }

    private static void appendFraction(StringBuilder text, int nanos) {
        if (nanos == 0) {
            return;
        }
        String nine = String.format("%09d", nanos);
        int digits = nanos % 1_000_000 == 0 ? 3 : nanos % 1_000 == 0 ? 6 : 9;
        text.append('.').append(nine, 0, digits);
    }

    private static StringBuilder pad(StringBuilder text, int value, int width) {
        String digits = Integer.toString(value);
        text.append("0".repeat(Math.max(0, width - digits.length())));
        return text.append(digits);
    }

    private static String truncate(String digits, int max) {
        return digits.length() <= max ? digits : digits.substring(0, max);
    }
}
