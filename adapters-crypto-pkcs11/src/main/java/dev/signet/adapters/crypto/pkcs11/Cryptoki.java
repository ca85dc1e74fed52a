package dev.signet.adapters.crypto.pkcs11;

import java.io.IOException;
import sun.security.pkcs11.wrapper.CK_INFO;
import sun.security.pkcs11.wrapper.PKCS11;
import sun.security.pkcs11.wrapper.PKCS11Exception;

/**
 * The one class that speaks PKCS#11 through the JDK's wrapper (sun.security.pkcs11.wrapper), which
 * mirrors the C API one-to-one. The SunPKCS11 provider above it has no Ed25519, so Signet uses the
 * wrapper directly; keeping every use here lets a JNA or java.lang.foreign binding replace it. An
 * ArchUnit rule forbids the package anywhere else.
 */
public final class Cryptoki {
    static final String WRAPPER_PACKAGE = "sun.security.pkcs11.wrapper";
    static final String REQUIRED_FLAGS = "--add-modules jdk.crypto.cryptoki "
            + "--add-exports jdk.crypto.cryptoki/sun.security.pkcs11.wrapper=ALL-UNNAMED";

    private final PKCS11 library;

    private Cryptoki(PKCS11 library) {
        this.library = library;
    }

    /**
     * Loads a PKCS#11 module (e.g. libsofthsm2.so) and initialises it.
     *
     * @throws Pkcs11Unavailable when the JVM flags are missing or the library cannot be loaded
     */
    public static Cryptoki open(String libraryPath) {
        requireWrapperAccess();
        try {
            return new Cryptoki(PKCS11.getInstance(libraryPath, "C_GetFunctionList", null, false));
        } catch (IOException e) {
            throw new Pkcs11Unavailable("cannot load PKCS#11 library " + libraryPath + ": " + e.getMessage(), e);
        } catch (PKCS11Exception e) {
            throw new Pkcs11Unavailable("cannot initialise PKCS#11 library " + libraryPath + ": " + e.getMessage(), e);
        }
    }

    /** The library's manufacturer and description, as C_GetInfo reports them. */
    public String describe() {
        try {
            CK_INFO info = library.C_GetInfo();
            return new String(info.manufacturerID).strip() + " " + new String(info.libraryDescription).strip();
        } catch (PKCS11Exception e) {
            throw new Pkcs11Unavailable("C_GetInfo failed: " + e.getMessage(), e);
        }
    }

    /**
     * Fails with a message naming the JVM flags when the wrapper package is not exported to Signet,
     * instead of the bare IllegalAccessError the first call would otherwise raise.
     */
    public static void requireWrapperAccess() {
        Module cryptoki = ModuleLayer.boot().findModule("jdk.crypto.cryptoki").orElse(null);
        if (cryptoki == null || !cryptoki.isExported(WRAPPER_PACKAGE, Cryptoki.class.getModule())) {
            throw new Pkcs11Unavailable("the JDK's PKCS#11 wrapper is not accessible: run the JVM with "
                    + REQUIRED_FLAGS);
        }
    }
}
