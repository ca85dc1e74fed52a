package dev.signet.bootstrap.support;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signet.adapters.audit.Slf4jAuditTrail;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.logstash.logback.encoder.LogstashEncoder;
import org.slf4j.LoggerFactory;

/** The JSON lines the {@code signet.audit} logger emits (as a SIEM receives them), captured while attached. */
public final class AuditStream implements AutoCloseable {
    private final ByteArrayOutputStream sink = new ByteArrayOutputStream();
    private final OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();

    private AuditStream() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        LogstashEncoder encoder = new LogstashEncoder();
        encoder.setContext(context);
        encoder.start();
        appender.setContext(context);
        appender.setEncoder(encoder);
        appender.setOutputStream(sink);
        appender.start();
        Logger audit = (Logger) LoggerFactory.getLogger(Slf4jAuditTrail.LOGGER_NAME);
        audit.setLevel(ch.qos.logback.classic.Level.INFO);
        audit.addAppender(appender);
    }

    public static AuditStream attach() {
        return new AuditStream();
    }

    /** Everything emitted so far, as the SIEM receives it. */
    public synchronized String text() {
        return sink.toString(StandardCharsets.UTF_8);
    }

    /** Every line so far, parsed. */
    public synchronized List<JsonNode> lines() {
        List<JsonNode> lines = new ArrayList<>();
        try {
            for (String line : text().split("\n")) {
                if (!line.isBlank()) {
                    lines.add(new ObjectMapper().readTree(line));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return lines;
    }

    @Override
    public void close() {
        ((Logger) LoggerFactory.getLogger(Slf4jAuditTrail.LOGGER_NAME)).detachAppender(appender);
        appender.stop();
    }
}
