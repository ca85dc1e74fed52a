package dev.signet.archfixture.violations.application.service;

import dev.signet.archfixture.violations.adapters.persistence.SomeRepository;

/** Deliberate violation: the application reaching into an adapter. */
public class ServiceCallingAnAdapter {
    public Object load() {
        return new SomeRepository();
    }
}
