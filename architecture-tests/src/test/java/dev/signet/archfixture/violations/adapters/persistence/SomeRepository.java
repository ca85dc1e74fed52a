package dev.signet.archfixture.violations.adapters.persistence;

import dev.signet.archfixture.violations.adapters.audit.AuditThatReadsTheDatabase;

/** Deliberate violation: half of a cycle between two adapters. */
public class SomeRepository {
    public Object audit() {
        return new AuditThatReadsTheDatabase();
    }
}
