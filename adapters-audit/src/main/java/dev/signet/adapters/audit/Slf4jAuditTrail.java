package dev.signet.adapters.audit;

import dev.signet.application.port.in.Caller;
import dev.signet.application.port.out.AuditTrail;
import dev.signet.domain.audit.AuditEvent;
import dev.signet.domain.audit.AuditOrigin;
import net.logstash.logback.argument.StructuredArguments;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes each audit event through the {@value #LOGGER_NAME} logger with its fields as structured
 * arguments, so a JSON encoder (logstash-logback-encoder) emits one object per line: event_type, the
 * event's fields under Cloacina's names, its origin (actor_kind, actor_id, client_address, request_id), and the
 * encoder's timestamp. Where the lines go is logging
 * configuration, kept out of this class.
 */
public final class Slf4jAuditTrail implements AuditTrail {
    public static final String LOGGER_NAME = "signet.audit";
    private static final Logger LOG = LoggerFactory.getLogger(LOGGER_NAME);

    /** Names the caller of the thread it runs on ({@link Caller#current()}), as the durable chain does. */
    @Override
    public void record(AuditEvent event) {
        record(event, Caller.current().origin());
    }

    public void record(AuditEvent event, AuditOrigin origin) {
        LOG.info(event.eventType(), StructuredArguments.entries(StreamFields.of(event, origin)));
    }
}
