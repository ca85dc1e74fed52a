package dev.signet.archfixture.violations.domain;

/** Deliberate violation: a domain class that depends on a logging framework. */
public class LeakyDomain {
    private final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(LeakyDomain.class);

    public void touch() {
        log.info("domain code must not log");
    }
}
