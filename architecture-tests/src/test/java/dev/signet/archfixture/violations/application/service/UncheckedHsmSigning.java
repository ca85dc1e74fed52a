package dev.signet.archfixture.violations.application.service;

import dev.signet.archfixture.violations.application.port.out.HsmKeyCustodian;

/** Deliberate violation: signing with an HSM key without checking the signature against the recorded key. */
public class UncheckedHsmSigning {
    public byte[] sign(HsmKeyCustodian custodian, byte[] message) {
        return custodian.sign(message);
    }
}
