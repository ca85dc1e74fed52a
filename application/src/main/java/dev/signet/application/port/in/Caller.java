package dev.signet.application.port.in;

import dev.signet.domain.Require;
import dev.signet.domain.audit.Actor;
import dev.signet.domain.audit.AuditOrigin;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Who is calling a use case, for the audit trail: the actor and, for a network request, the client's
 * address and the request's id. A driving adapter runs each request's use-case calls inside
 * {@link #callAs}; every audit event recorded on that thread meanwhile names this caller. Outside any
 * {@code callAs} the process's default caller applies (the OS user, set once by the composition root).
 */
public record Caller(Actor actor, Optional<String> clientAddress, Optional<String> requestId) {

    private static final ThreadLocal<Caller> CURRENT = new ThreadLocal<>();
    private static volatile Caller processDefault =
            new Caller(Actor.osUser(System.getProperty("user.name", "unknown")), Optional.empty(), Optional.empty());

    public Caller {
        Require.present(actor, "actor");
        Require.present(clientAddress, "client address");
        Require.present(requestId, "request id");
    }

    /** How audit records name this caller. */
    public AuditOrigin origin() {
        return new AuditOrigin(actor, clientAddress, requestId);
    }

    public static Caller of(Actor actor) {
        return new Caller(actor, Optional.empty(), Optional.empty());
    }

    public static <T> T callAs(Caller caller, Supplier<T> work) {
        Require.present(caller, "caller");
        Caller outer = CURRENT.get();
        CURRENT.set(caller);
        try {
            return work.get();
        } finally {
            if (outer == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(outer);
            }
        }
    }

    /** The caller of the use case running on this thread. */
    public static Caller current() {
        Caller caller = CURRENT.get();
        return caller != null ? caller : processDefault;
    }

    public static void setProcessDefault(Caller caller) {
        processDefault = Require.present(caller, "caller");
    }
}
