package dev.signet.adapters.audit;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.OutputStreamAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signet.application.port.in.Caller;
import dev.signet.domain.audit.Actor;
import dev.signet.domain.audit.AuditEvent;
import dev.signet.domain.key.KeyFingerprint;
import dev.signet.domain.signature.PackageHash;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import net.logstash.logback.encoder.LogstashEncoder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class Slf4jAuditTrailTest {
    private final ByteArrayOutputStream sink = new ByteArrayOutputStream();
    private final Logger auditLogger = (Logger) LoggerFactory.getLogger(Slf4jAuditTrail.LOGGER_NAME);
    private OutputStreamAppender<ch.qos.logback.classic.spi.ILoggingEvent> appender;

    @BeforeEach
    void attachJsonAppender() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        LogstashEncoder encoder = new LogstashEncoder();
        encoder.setContext(context);
        encoder.start();
        appender = new OutputStreamAppender<>();
        appender.setContext(context);
        appender.setEncoder(encoder);
        appender.setOutputStream(sink);
        appender.start();
        auditLogger.addAppender(appender);
    }

    @AfterEach
    void detach() {
        auditLogger.detachAppender(appender);
    }

    @Test
    void each_event_is_one_json_line_with_event_type_fields_and_timestamp() throws Exception {
        PackageHash hash = PackageHash.fromHex("b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9");
        KeyFingerprint key = KeyFingerprint.fromHex("21fe31dfa154a261626bf854046fd2271b7bed4b6abe45aa58877ef47f9721b9");

        new Slf4jAuditTrail().record(new AuditEvent.PackageSigned("/tmp/plugin.so", hash, key));
        new Slf4jAuditTrail().record(new AuditEvent.VerificationFailed(Optional.empty(), Optional.of(hash),
                "tampered", Optional.of(key)));

        String[] lines = sink.toString(StandardCharsets.UTF_8).split("\n");
        assertThat(lines).hasSize(2);
        JsonNode signed = new ObjectMapper().readTree(lines[0]);
        assertThat(signed.path("event_type").asText()).isEqualTo("package.signed");
        assertThat(signed.path("package_path").asText()).isEqualTo("/tmp/plugin.so");
        assertThat(signed.path("package_hash").asText()).isEqualTo(hash.hex());
        assertThat(signed.path("key_fingerprint").asText()).isEqualTo(key.hex());
        assertThat(signed.path("@timestamp").asText()).isNotBlank();
        JsonNode failed = new ObjectMapper().readTree(lines[1]);
        assertThat(failed.path("event_type").asText()).isEqualTo("verification.failure");
        assertThat(failed.path("failure_reason").asText()).isEqualTo("tampered");
        assertThat(failed.has("org_id")).isFalse();
    }

    @Test
    void boolean_fields_stay_json_booleans() throws Exception {
        new Slf4jAuditTrail().record(new AuditEvent.PackageLoadSucceeded(
                dev.signet.domain.organization.OrganizationId.random(), "/p", new PackageHash(new byte[32]),
                Optional.empty(), false));
        JsonNode event = new ObjectMapper().readTree(sink.toString(StandardCharsets.UTF_8).strip());
        assertThat(event.path("signature_verified").isBoolean()).isTrue();
        assertThat(event.path("signature_verified").asBoolean()).isFalse();
    }

    @Test
    void each_event_names_the_caller_current_on_the_recording_thread() throws Exception {
        Caller request = new Caller(new Actor("client_certificate", "CN=release-bot,O=Acme"), Optional.of("192.0.2.9"),
                Optional.of("req-9"));
        Caller.callAs(request, () -> {
            new Slf4jAuditTrail().record(new AuditEvent.PackageSignFailed("/p", "no such file"));
            return null;
        });
        new Slf4jAuditTrail().record(new AuditEvent.PackageSignFailed("/q", "no such file"));

        String[] lines = sink.toString(StandardCharsets.UTF_8).split("\n");
        JsonNode inRequest = new ObjectMapper().readTree(lines[0]);
        assertThat(inRequest.path("actor_kind").asText()).isEqualTo("client_certificate");
        assertThat(inRequest.path("actor_id").asText()).isEqualTo("CN=release-bot,O=Acme");
        assertThat(inRequest.path("client_address").asText()).isEqualTo("192.0.2.9");
        assertThat(inRequest.path("request_id").asText()).isEqualTo("req-9");
        JsonNode outside = new ObjectMapper().readTree(lines[1]);
        assertThat(outside.path("actor_kind").asText()).isEqualTo("os_user");
        assertThat(outside.path("actor_id").asText()).isEqualTo(Caller.current().actor().id());
        assertThat(outside.has("client_address")).isFalse();
    }
}
