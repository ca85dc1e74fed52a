package dev.signet.archfixture.violations.adapters.persistence;

import dev.signet.archfixture.violations.adapters.http.HandlerThatReadsARepository;

/** Deliberate violation: an adapter that depends on the HTTP adapter. */
public class RepositoryThatAnswersHttp {
    public Object handler() {
        return new HandlerThatReadsARepository();
    }
}
