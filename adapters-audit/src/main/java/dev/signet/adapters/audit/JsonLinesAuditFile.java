package dev.signet.adapters.audit;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.signet.application.port.in.Caller;
import dev.signet.application.port.out.AuditTrail;
import dev.signet.domain.audit.AuditEvent;
import dev.signet.domain.audit.AuditOrigin;
import java.io.ByteArrayOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Objects;

/**
 * Appends each audit event to a file as one JSON line, with exactly the content {@link Slf4jAuditTrail} gets
 * from logback and logstash-logback-encoder's default {@code LogstashEncoder} (field names, order and
 * formats; a test compares the bytes): {@code @timestamp} (ISO offset date-time in the JVM's time zone),
 * {@code @version}, {@code message} (the event type), {@code logger_name} ({@value Slf4jAuditTrail#LOGGER_NAME}),
 * {@code thread_name}, {@code level}, {@code level_value}, then {@code event_type} and the event's fields.
 *
 * <p>Written with jackson-core's streaming generator alone, so a command that only streams its audit events
 * loads neither a logging framework nor Jackson's databind (that set-up was a third of a small command's
 * start-up). Like logback's file appender: opened in append mode on the first event, each line handed to the
 * operating system in one write (so processes appending at once do not interleave within a line), and a
 * failure to write is reported once on the diagnostics logger and does not fail the command: the stream is
 * for a SIEM, the durable record is the database's audit chain.
 */
public final class JsonLinesAuditFile implements AuditTrail, AutoCloseable {
    private static final JsonFactory JSON = new JsonFactory();
    private static final byte[] LINE_END = System.lineSeparator().getBytes(StandardCharsets.UTF_8);

    private final Path file;
    private final Clock clock;
    private OutputStream out;
    private boolean failed;

    public JsonLinesAuditFile(Path file) {
        this(file, Clock.systemUTC());
    }

    /** With the clock that stamps the lines; for tests. */
    public JsonLinesAuditFile(Path file, Clock clock) {
        this.file = Objects.requireNonNull(file, "file");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void record(AuditEvent event) {
        // the caller of this thread, as Slf4jAuditTrail and the durable chain name it
        byte[] line = line(event, Caller.current().origin(), clock.instant(), Thread.currentThread().getName());
        synchronized (this) {
            try {
                if (out == null) {
                    out = new FileOutputStream(file.toFile(), true);
                }
                out.write(line);
            } catch (IOException e) {
                if (!failed) {
                    failed = true;
                    System.getLogger(JsonLinesAuditFile.class.getName()).log(System.Logger.Level.ERROR,
                            "cannot append audit events to " + file + ": " + e.getMessage());
                }
            }
        }
    }

    /** Lets go of the file; a later event opens it again. */
    @Override
    public synchronized void close() throws IOException {
        if (out != null) {
            try {
                out.close();
            } finally {
                out = null;
            }
        }
    }

    /** The line, with its line separator, as logstash-logback-encoder writes it for this event. */
    static byte[] line(AuditEvent event, Instant at, String threadName) {
        return line(event, Caller.current().origin(), at, threadName);
    }

    /** As {@link Slf4jAuditTrail} writes it ({@link StreamFields}: event_type, the event's fields, its origin). */
    static byte[] line(AuditEvent event, AuditOrigin origin, Instant at, String threadName) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
        try (JsonGenerator json = JSON.createGenerator(bytes, JsonEncoding.UTF8)) {
            json.writeStartObject();
            json.writeStringField("@timestamp", timestamp(at));
            json.writeStringField("@version", "1");
            json.writeStringField("message", event.eventType());
            json.writeStringField("logger_name", Slf4jAuditTrail.LOGGER_NAME);
            json.writeStringField("thread_name", threadName);
            json.writeStringField("level", "INFO");
            json.writeNumberField("level_value", 20000);
            for (Map.Entry<String, Object> field : StreamFields.of(event, origin).entrySet()) {
                json.writeFieldName(field.getKey());
                if (field.getValue() instanceof Boolean flag) {
                    json.writeBoolean(flag);
                } else {
                    json.writeString(String.valueOf(field.getValue()));
                }
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new IllegalStateException("cannot write JSON to memory", e);
        }
        bytes.writeBytes(LINE_END);
        return bytes.toByteArray();
    }

    private static String timestamp(Instant at) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(at.atZone(ZoneId.systemDefault()));
    }
}
