package dev.signet.archfixture.violations.adapters.crypto.pkcs11;

/** Deliberate violation: the PKCS#11 wrapper used outside its one boundary class. */
public class RogueWrapperUser {
    public Class<?> wrapper() {
        return sun.security.pkcs11.wrapper.PKCS11.class;
    }
}
