package dev.signet.archfixture.violations.adapters.audit;

import dev.signet.archfixture.violations.adapters.persistence.SomeRepository;

/** Deliberate violation: one adapter depending on another, closing a package cycle. */
public class AuditThatReadsTheDatabase {
    public Object repository() {
        return new SomeRepository();
    }
}
