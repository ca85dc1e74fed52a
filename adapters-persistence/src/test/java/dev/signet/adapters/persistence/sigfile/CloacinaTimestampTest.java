package dev.signet.adapters.persistence.sigfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CloacinaTimestampTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "2026-01-28T12:00:00Z,           2026-01-28T12:00:00+00:00",
        "2026-01-28T12:00:00.100Z,       2026-01-28T12:00:00.100+00:00",
        "2026-01-28T12:00:00.123Z,       2026-01-28T12:00:00.123+00:00",
        "2026-01-28T12:00:00.000123Z,    2026-01-28T12:00:00.000123+00:00",
        "2026-01-28T12:00:00.123400Z,    2026-01-28T12:00:00.123400+00:00",
        "2026-01-28T12:00:00.000000001Z, 2026-01-28T12:00:00.000000001+00:00",
        "2026-01-28T12:00:00.123456789Z, 2026-01-28T12:00:00.123456789+00:00",
        "0001-02-03T04:05:06Z,           0001-02-03T04:05:06+00:00",
        "0000-01-01T00:00:00Z,           0000-01-01T00:00:00+00:00",
        "9999-12-31T23:59:59.999999999Z, 9999-12-31T23:59:59.999999999+00:00",
    })
    void format_uses_0_3_6_or_9_fraction_digits_whichever_shows_every_nonzero_digit_and_always_plus_00_00(
            String instant, String expected) {
        assertThat(CloacinaTimestamp.format(Instant.parse(instant))).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"-0001-12-31T23:59:59.999999999Z", "+10000-01-01T00:00:00Z",
        "-1000000000-01-01T00:00:00Z", "+1000000000-12-31T23:59:59.999999999Z"})
    void format_refuses_instants_outside_the_years_0000_to_9999(String instant) {
        assertThatThrownBy(() -> CloacinaTimestamp.format(Instant.parse(instant)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0000-9999");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "2026-01-28T12:00:00+00:00,            2026-01-28T12:00:00Z",
        "2026-01-28T12:00:00Z,                 2026-01-28T12:00:00Z",
        "2026-01-28t12:00:00z,                 2026-01-28T12:00:00Z",
        "2026-01-28T12:00:00-00:00,            2026-01-28T12:00:00Z",
        "2026-01-28T13:30:00+01:30,            2026-01-28T12:00:00Z",
        "2026-01-28T07:00:00.5-05:00,          2026-01-28T12:00:00.5Z",
        "2026-01-28T12:00:00.123456789123+00:00, 2026-01-28T12:00:00.123456789Z",
        "2016-12-31T23:59:60Z,                 2016-12-31T23:59:59Z",
        "0000-01-01T00:00:00Z,                 0000-01-01T00:00:00Z",
        "9999-12-31T23:59:59.999999999Z,       9999-12-31T23:59:59.999999999Z",
    })
    void parse_reads_any_rfc3339_timestamp_and_converts_it_to_utc(String text, String expected) {
        assertThat(CloacinaTimestamp.parse(text)).isEqualTo(Instant.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "yesterday", "2026-01-28", "2026-01-28T12:00:00", "2026-01-28T12:00+00:00",
        "2026-01-28 12:00:00Z", "2026-01-28T12:00:00.Z", "2026-01-28T12:00:00+0100", "2026-01-28T12:00:00+01:00:00",
        "+12026-01-28T12:00:00Z", "26-01-28T12:00:00Z", " 2026-01-28T12:00:00Z", "2026-01-28T12:00:00Z ",
        "\uFF12\uFF10\uFF12\uFF16-01-28T12:00:00Z"})
    void parse_refuses_text_that_is_not_rfc3339_syntax(String text) {
        assertThatThrownBy(() -> CloacinaTimestamp.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("RFC 3339");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-02-30T12:00:00Z", "2026-13-01T12:00:00Z", "2026-01-28T24:00:00Z",
        "2026-01-28T12:60:00Z", "2026-01-28T12:00:00+24:00"})
    void parse_refuses_dates_and_times_that_do_not_exist(String text) {
        assertThatThrownBy(() -> CloacinaTimestamp.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a valid date and time");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0000-01-01T00:00:00+00:01", "9999-12-31T23:59:59-00:01"})
    void parse_refuses_timestamps_outside_the_years_0000_to_9999_in_utc_so_every_read_value_can_be_written(
            String text) {
        assertThatThrownBy(() -> CloacinaTimestamp.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0000-9999");
    }

    @Test
    void parse_of_format_gives_back_the_same_instant() {
        for (String text : new String[] {"2026-01-28T12:00:00Z", "1970-01-01T00:00:00.000001Z",
            "2000-02-29T23:59:59.999999999Z"}) {
            Instant instant = Instant.parse(text);
            assertThat(CloacinaTimestamp.parse(CloacinaTimestamp.format(instant))).isEqualTo(instant);
        }
    }
}
