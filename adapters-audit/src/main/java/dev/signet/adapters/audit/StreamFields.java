package dev.signet.adapters.audit;

import dev.signet.domain.audit.AuditEvent;
import dev.signet.domain.audit.AuditOrigin;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The fields of an audit event's line in the SIEM stream, in their order: event_type, the event's own fields,
 * then its origin (actor, client address, request id). One place for both writers of the stream (the logback
 * one and the CLI's {@link JsonLinesAuditFile}), whose lines must stay the same. Its own class, not a method of
 * {@link Slf4jAuditTrail}: using that class starts SLF4J, which the CLI's writer exists to avoid.
 */
final class StreamFields {
    private StreamFields() {
    }

    static Map<String, Object> of(AuditEvent event, AuditOrigin origin) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("event_type", event.eventType());
        fields.putAll(event.fields());
        origin.fields().forEach(fields::putIfAbsent);
        return fields;
    }
}
