package dev.signet.archfixture.violations.application.port.out;

/** Stands in for the real port: a token that signs. */
public interface HsmKeyCustodian {
    byte[] sign(byte[] message);
}
