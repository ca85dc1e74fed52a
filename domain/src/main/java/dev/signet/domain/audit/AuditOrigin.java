package dev.signet.domain.audit;

import dev.signet.domain.Require;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Who caused an audit event and, for a network request, from where and in which request: part of every audit
 * record (the chain's payload, so its hash covers them, and the SIEM stream alike) as {@code actor_kind},
 * {@code actor_id}, {@code client_address} and {@code request_id}. Captured on the caller's thread when the event
 * is recorded, never later (the group commit writes on a thread of its own).
 */
public record AuditOrigin(Actor actor, Optional<String> clientAddress, Optional<String> requestId) {

    public AuditOrigin {
        Require.present(actor, "actor");
        Require.present(clientAddress, "client address");
        Require.present(requestId, "request id");
    }

    public static AuditOrigin of(Actor actor) {
        return new AuditOrigin(actor, Optional.empty(), Optional.empty());
    }

    /** The origin's fields in their record order, bounded like every audit text field, absent ones left out. */
    public Map<String, Object> fields() {
        Map<String, Object> fields = new LinkedHashMap<>();
        BoundedText.put(fields, "actor_kind", actor.kind());
        BoundedText.put(fields, "actor_id", actor.id());
        clientAddress.ifPresent(address -> BoundedText.put(fields, "client_address", address));
        requestId.ifPresent(id -> BoundedText.put(fields, "request_id", id));
        return fields;
    }
}
