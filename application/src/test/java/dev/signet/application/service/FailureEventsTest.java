package dev.signet.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.application.port.out.AuditTrail;
import dev.signet.application.port.out.DatabaseUnavailable;
import dev.signet.domain.audit.AuditEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FailureEventsTest {
    private final AuditEvent event = new AuditEvent.PackageSignFailed("app.so", "commit outcome unknown");

    @Test
    void the_failure_event_is_recorded() {
        List<AuditEvent> recorded = new ArrayList<>();
        DatabaseUnavailable failure = new DatabaseUnavailable("commit outcome unknown", null);

        FailureEvents.record(recorded::add, event, failure);

        assertThat(recorded).containsExactly(event);
        assertThat(failure.getSuppressed()).isEmpty();
    }

    @Test
    void an_event_that_cannot_be_recorded_does_not_replace_the_failure_the_caller_sees() {
        DatabaseUnavailable failure = new DatabaseUnavailable("the connection failed while committing", null);
        DatabaseUnavailable auditFailure = new DatabaseUnavailable("database unreachable after 3 attempts", null);
        AuditTrail down = ignored -> {
            throw auditFailure;
        };

        FailureEvents.record(down, event, failure);

        assertThat(failure.getSuppressed()).containsExactly(auditFailure);
    }
}
