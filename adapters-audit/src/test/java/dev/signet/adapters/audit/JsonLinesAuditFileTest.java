package dev.signet.adapters.audit;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.signet.domain.audit.AuditEvent;
import dev.signet.domain.key.KeyFingerprint;
import dev.signet.domain.organization.OrganizationId;
import dev.signet.domain.signature.PackageHash;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TimeZone;
import net.logstash.logback.encoder.LogstashEncoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The CLI's audit.log lines, once written by logback with logstash-logback-encoder (as {@code CliLogbackConfigurator}
 * set it up), are now written by {@link JsonLinesAuditFile}: the bytes must not change.
 */
class JsonLinesAuditFileTest {
    private static final PackageHash HASH =
            PackageHash.fromHex("b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9");
    private static final KeyFingerprint KEY =
            KeyFingerprint.fromHex("21fe31dfa154a261626bf854046fd2271b7bed4b6abe45aa58877ef47f9721b9");
    private static final List<AuditEvent> EVENTS = List.of(
            new AuditEvent.PackageSigned("/tmp/plugin.so", HASH, KEY),
            new AuditEvent.VerificationSucceeded(Optional.empty(), HASH, KEY, Optional.of("Release \"key\" 1")),
            new AuditEvent.VerificationFailed(Optional.of(OrganizationId.random()), Optional.empty(),
                    "tampered \"quoted\" \\ back\tslash\n\r\b\f\u0001\u001f / é ü 中 😀 \u2028", Optional.of(KEY)),
            new AuditEvent.PackageLoadSucceeded(OrganizationId.random(), "a path with ünïcode and \u007f",
                    HASH, Optional.empty(), false),
            new AuditEvent.PackageSignFailed("x".repeat(5000), "error"));
    private static final List<Instant> INSTANTS = List.of(Instant.parse("2026-12-02T04:57:36.085692211Z"),
            Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-06-30T23:59:59.100Z"),
            Instant.parse("2026-03-29T01:30:00.000001Z"), Instant.now());

    @Test
    void each_line_has_the_bytes_logstash_logback_encoder_wrote_for_it() {
        assertSameBytesAsLogstash();
    }

    @Test
    void the_timestamp_keeps_the_jvm_time_zone_as_the_encoder_did() {
        TimeZone previous = TimeZone.getDefault();
        try {
            for (String zone : List.of("Europe/Berlin", "Asia/Kolkata", "America/St_Johns")) {
                TimeZone.setDefault(TimeZone.getTimeZone(zone));
                assertSameBytesAsLogstash();
            }
        } finally {
            TimeZone.setDefault(previous);
        }
    }

    @Test
    void the_file_gets_one_line_per_event_appended_to_what_it_held(@TempDir Path home) throws Exception {
        Path file = home.resolve("audit.log");
        Files.writeString(file, "an earlier line\n");
        Instant at = INSTANTS.get(0);
        JsonLinesAuditFile trail = new JsonLinesAuditFile(file, Clock.fixed(at, ZoneOffset.UTC));

        trail.record(EVENTS.get(0));
        trail.record(EVENTS.get(1));

        String thread = Thread.currentThread().getName();
        assertThat(Files.readString(file)).isEqualTo("an earlier line\n"
                + new String(JsonLinesAuditFile.line(EVENTS.get(0), at, thread), StandardCharsets.UTF_8)
                + new String(JsonLinesAuditFile.line(EVENTS.get(1), at, thread), StandardCharsets.UTF_8));
        assertThat(Files.readAllLines(file)).hasSize(3);
    }

    @Test
    void a_file_that_cannot_be_written_does_not_fail_the_command(@TempDir Path home) {
        JsonLinesAuditFile trail = new JsonLinesAuditFile(home.resolve("no-such-folder").resolve("audit.log"));

        trail.record(EVENTS.get(0));
        trail.record(EVENTS.get(1));

        assertThat(home.resolve("no-such-folder")).doesNotExist();
    }

    /** Today's path: Slf4jAuditTrail's logging event, encoded by the encoder as the CLI configured it. */
    private static void assertSameBytesAsLogstash() {
        LoggerContext context = new LoggerContext();
        LogstashEncoder encoder = new LogstashEncoder();
        encoder.setFindAndRegisterJacksonModules(false);
        encoder.setContext(context);
        encoder.start();
        Logger audit = (Logger) LoggerFactory.getLogger(Slf4jAuditTrail.LOGGER_NAME);
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.start();
        Level level = audit.getLevel();
        audit.setLevel(Level.INFO);
        audit.addAppender(captured);
        List<ILoggingEvent> logged = new ArrayList<>();
        try {
            for (AuditEvent event : EVENTS) {
                new Slf4jAuditTrail().record(event);
            }
            logged.addAll(captured.list);
        } finally {
            audit.detachAppender(captured);
            audit.setLevel(level);
        }
        assertThat(logged).hasSize(EVENTS.size());
        for (int i = 0; i < EVENTS.size(); i++) {
            for (Instant at : INSTANTS) {
                ch.qos.logback.classic.spi.LoggingEvent event = (ch.qos.logback.classic.spi.LoggingEvent) logged.get(i);
                event.setInstant(at);
                String expected = new String(encoder.encode(event), StandardCharsets.UTF_8);
                String actual = new String(JsonLinesAuditFile.line(EVENTS.get(i), at, event.getThreadName()),
                        StandardCharsets.UTF_8);
                assertThat(actual).isEqualTo(expected);
            }
        }
    }
}
