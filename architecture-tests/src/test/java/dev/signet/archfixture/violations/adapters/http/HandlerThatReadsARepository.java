package dev.signet.archfixture.violations.adapters.http;

import dev.signet.archfixture.violations.adapters.persistence.SomeRepository;
import dev.signet.archfixture.violations.application.port.out.HsmKeyCustodian;

/** Deliberate violation: a driving adapter that reaches past the in-ports, to another adapter and an out-port. */
public class HandlerThatReadsARepository {
    public Object handle(HsmKeyCustodian custodian) {
        custodian.sign(new byte[0]);
        return new SomeRepository();
    }
}
