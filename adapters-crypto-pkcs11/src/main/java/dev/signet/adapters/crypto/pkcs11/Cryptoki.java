package dev.signet.adapters.crypto.pkcs11;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import sun.security.pkcs11.wrapper.CK_ATTRIBUTE;
import sun.security.pkcs11.wrapper.CK_C_INITIALIZE_ARGS;
import sun.security.pkcs11.wrapper.CK_GCM_PARAMS;
import sun.security.pkcs11.wrapper.CK_INFO;
import sun.security.pkcs11.wrapper.CK_MECHANISM;
import sun.security.pkcs11.wrapper.CK_SESSION_INFO;
import sun.security.pkcs11.wrapper.CK_TOKEN_INFO;
import sun.security.pkcs11.wrapper.PKCS11;
import sun.security.pkcs11.wrapper.PKCS11Exception;

/**
 * The one class that speaks PKCS#11 through the JDK's wrapper (sun.security.pkcs11.wrapper), which
 * mirrors the C API one-to-one. The SunPKCS11 provider above it has no Ed25519, so Signet uses the
 * wrapper directly; keeping every use here lets a JNA or java.lang.foreign binding replace it. An
 * ArchUnit rule forbids the package anywhere else.
 *
 * <p>Each method is one C function, named after it, taking and returning Signet's own types
 * ({@link Attribute}, handles as longs) and turning a CK_RV other than CKR_OK into a
 * {@link Pkcs11Failure} naming the function and the code. No policy lives here: retries, pooling and
 * key rules are in the classes above.
 *
 * <p>The JDK wrapper does not expose C_CloseAllSessions (checked on JDK 17 and 25), so neither does
 * this class; closing each session handle has the same effect.
 */
public final class Cryptoki implements SessionFunctions {
    static final String WRAPPER_PACKAGE = "sun.security.pkcs11.wrapper";
    static final String REQUIRED_FLAGS = "--add-modules jdk.crypto.cryptoki "
            + "--add-exports jdk.crypto.cryptoki/sun.security.pkcs11.wrapper=ALL-UNNAMED";
    private static final long CKF_OS_LOCKING_OK = 0x2;

    private final PKCS11 library;

    private Cryptoki(PKCS11 library) {
        this.library = library;
    }

    /**
     * Loads a PKCS#11 module (e.g. libsofthsm2.so) and initialises it (C_Initialize with
     * CKF_OS_LOCKING_OK: the library does its own locking, so sessions can work in parallel and the JDK
     * does not serialise every call behind one lock). CKR_CRYPTOKI_ALREADY_INITIALIZED means another
     * component of the process (the SunPKCS11 provider, another loader of the same file) initialised it
     * first: that is success, and the library is shared as it is. The JDK keeps one instance per path
     * string and never finalises it, and neither does Signet, since others may be using it.
     *
     * @throws Pkcs11Unavailable when the JVM flags are missing or the library cannot be loaded
     */
    public static Cryptoki open(String libraryPath) {
        requireWrapperAccess();
        CK_C_INITIALIZE_ARGS args = new CK_C_INITIALIZE_ARGS();
        args.flags = CKF_OS_LOCKING_OK;
        try {
            return new Cryptoki(PKCS11.getInstance(libraryPath, "C_GetFunctionList", args, false));
        } catch (IOException e) {
            throw new Pkcs11Unavailable("cannot load PKCS#11 library " + libraryPath + ": " + e.getMessage(), e);
        } catch (PKCS11Exception e) {
            if (e.getErrorCode() == Pkcs11Failure.CKR_CRYPTOKI_ALREADY_INITIALIZED) {
                // The JDK already treats this as success; should a JDK ever stop doing so, load without
                // initialising, which is exactly what "already initialised" calls for.
                try {
                    return new Cryptoki(PKCS11.getInstance(libraryPath, "C_GetFunctionList", args, true));
                } catch (IOException | PKCS11Exception again) {
                    e.addSuppressed(again);
                }
            }
            throw new Pkcs11Unavailable("cannot initialise PKCS#11 library " + libraryPath + ": "
                    + new Pkcs11Failure("C_Initialize", e.getErrorCode()).getMessage(), e);
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

    /** The library's manufacturer and description, as C_GetInfo reports them. */
    public String describe() {
        try {
            CK_INFO info = library.C_GetInfo();
            return new String(info.manufacturerID).strip() + " " + new String(info.libraryDescription).strip();
        } catch (PKCS11Exception e) {
            throw failure("C_GetInfo", e);
        }
    }

    /** C_GetSlotList. */
    @Override
    public long[] getSlotList(boolean tokenPresent) {
        try {
            return library.C_GetSlotList(tokenPresent);
        } catch (PKCS11Exception e) {
            throw failure("C_GetSlotList", e);
        }
    }

    /** C_GetTokenInfo; the blank-padded UTF-8 text fields come back trimmed. */
    @Override
    public TokenInfo getTokenInfo(long slot) {
        try {
            CK_TOKEN_INFO info = library.C_GetTokenInfo(slot);
            return new TokenInfo(text(info.label), text(info.manufacturerID), text(info.model),
                    text(info.serialNumber), info.flags);
        } catch (PKCS11Exception e) {
            throw failure("C_GetTokenInfo", e);
        }
    }

    /** C_OpenSession, without notification callback. */
    @Override
    public long openSession(long slot, long flags) {
        try {
            return library.C_OpenSession(slot, flags, null, null);
        } catch (PKCS11Exception e) {
            throw failure("C_OpenSession", e);
        }
    }

    /** C_CloseSession. */
    @Override
    public void closeSession(long session) {
        try {
            library.C_CloseSession(session);
        } catch (PKCS11Exception e) {
            throw failure("C_CloseSession", e);
        }
    }

    /** C_GetSessionInfo. */
    @Override
    public SessionInfo getSessionInfo(long session) {
        try {
            CK_SESSION_INFO info = library.C_GetSessionInfo(session);
            return new SessionInfo(info.slotID, info.state, info.flags, info.ulDeviceError);
        } catch (PKCS11Exception e) {
            throw failure("C_GetSessionInfo", e);
        }
    }

    /** C_Login. The PIN is neither kept nor copied here (the JDK copies it to native memory for the call). */
    @Override
    public void login(long session, long userType, char[] pin) {
        try {
            library.C_Login(session, userType, pin);
        } catch (PKCS11Exception e) {
            throw failure("C_Login", e);
        }
    }

    /** C_Logout. */
    void logout(long session) {
        try {
            library.C_Logout(session);
        } catch (PKCS11Exception e) {
            throw failure("C_Logout", e);
        }
    }

    /** C_GenerateKeyPair with a parameterless mechanism. */
    KeyPairHandles generateKeyPair(long session, long mechanism, List<Attribute> publicKeyTemplate,
            List<Attribute> privateKeyTemplate) {
        try {
            long[] handles = library.C_GenerateKeyPair(session, new CK_MECHANISM(mechanism),
                    template(publicKeyTemplate), template(privateKeyTemplate));
            // The JDK returns {public, private}, the order of C_GenerateKeyPair's out-parameters.
            return new KeyPairHandles(handles[0], handles[1]);
        } catch (PKCS11Exception e) {
            throw failure("C_GenerateKeyPair", e);
        }
    }

    /** C_GenerateKey with a parameterless mechanism (e.g. CKM_AES_KEY_GEN); returns the new key's handle. */
    long generateKey(long session, long mechanism, List<Attribute> template) {
        try {
            return library.C_GenerateKey(session, new CK_MECHANISM(mechanism), template(template));
        } catch (PKCS11Exception e) {
            throw failure("C_GenerateKey", e);
        }
    }

    /** C_EncryptInit with a mechanism that takes CK_GCM_PARAMS (CKM_AES_GCM). */
    void encryptInit(long session, long mechanism, GcmParams parameters, long key) {
        try {
            library.C_EncryptInit(session, gcm(mechanism, parameters), key);
        } catch (PKCS11Exception e) {
            throw failure("C_EncryptInit", e);
        }
    }

    /**
     * C_Encrypt (single part) into a buffer of {@code maxEncryptedLength} bytes; returns the bytes the
     * token wrote. The JDK wrapper has no length query (a NULL output), so the caller sizes the buffer.
     */
    byte[] encrypt(long session, byte[] data, int maxEncryptedLength) {
        byte[] out = new byte[maxEncryptedLength];
        try {
            int length = library.C_Encrypt(session, 0, data, 0, data.length, 0, out, 0, out.length);
            return length == out.length ? out : Arrays.copyOf(out, length);
        } catch (PKCS11Exception e) {
            throw failure("C_Encrypt", e);
        }
    }

    /** C_DecryptInit with a mechanism that takes CK_GCM_PARAMS (CKM_AES_GCM). */
    void decryptInit(long session, long mechanism, GcmParams parameters, long key) {
        try {
            library.C_DecryptInit(session, gcm(mechanism, parameters), key);
        } catch (PKCS11Exception e) {
            throw failure("C_DecryptInit", e);
        }
    }

    /**
     * C_Decrypt (single part) into a buffer of {@code maxDataLength} bytes; returns the bytes the token
     * wrote. The output may be secret (a wrapped private key), so a buffer larger than the result is
     * wiped rather than left to the garbage collector.
     */
    byte[] decrypt(long session, byte[] encryptedData, int maxDataLength) {
        byte[] out = new byte[maxDataLength];
        try {
            int length = library.C_Decrypt(session, 0, encryptedData, 0, encryptedData.length, 0, out, 0, out.length);
            if (length == out.length) {
                return out;
            }
            byte[] data = Arrays.copyOf(out, length);
            Arrays.fill(out, (byte) 0);
            return data;
        } catch (PKCS11Exception e) {
            Arrays.fill(out, (byte) 0);
            throw failure("C_Decrypt", e);
        }
    }

    /** C_FindObjectsInit. */
    void findObjectsInit(long session, List<Attribute> template) {
        try {
            library.C_FindObjectsInit(session, template(template));
        } catch (PKCS11Exception e) {
            throw failure("C_FindObjectsInit", e);
        }
    }

    /** C_FindObjects: up to {@code maxObjects} handles; fewer (or none) when the search is exhausted. */
    long[] findObjects(long session, int maxObjects) {
        try {
            return library.C_FindObjects(session, maxObjects);
        } catch (PKCS11Exception e) {
            throw failure("C_FindObjects", e);
        }
    }

    /** C_FindObjectsFinal. */
    void findObjectsFinal(long session) {
        try {
            library.C_FindObjectsFinal(session);
        } catch (PKCS11Exception e) {
            throw failure("C_FindObjectsFinal", e);
        }
    }

    /** C_GetAttributeValue for the given attribute types, in that order. */
    List<Attribute> getAttributeValue(long session, long object, long... types) {
        CK_ATTRIBUTE[] template = new CK_ATTRIBUTE[types.length];
        for (int i = 0; i < types.length; i++) {
            template[i] = new CK_ATTRIBUTE(types[i]);
        }
        try {
            library.C_GetAttributeValue(session, object, template);
        } catch (PKCS11Exception e) {
            throw failure("C_GetAttributeValue", e);
        }
        List<Attribute> values = new ArrayList<>(types.length);
        for (CK_ATTRIBUTE attribute : template) {
            values.add(new Attribute(attribute.type, value(attribute.pValue)));
        }
        return values;
    }

    /** C_SignInit with a parameterless mechanism. */
    void signInit(long session, long mechanism, long key) {
        try {
            library.C_SignInit(session, new CK_MECHANISM(mechanism), key);
        } catch (PKCS11Exception e) {
            throw failure("C_SignInit", e);
        }
    }

    /** C_Sign (single part). */
    byte[] sign(long session, byte[] data) {
        try {
            return library.C_Sign(session, data);
        } catch (PKCS11Exception e) {
            throw failure("C_Sign", e);
        }
    }

    /** C_DestroyObject. */
    void destroyObject(long session, long object) {
        try {
            library.C_DestroyObject(session, object);
        } catch (PKCS11Exception e) {
            throw failure("C_DestroyObject", e);
        }
    }

    /** CK_TOKEN_INFO's fields that Signet reads. */
    record TokenInfo(String label, String manufacturer, String model, String serialNumber, long flags) {
    }

    /** CK_SESSION_INFO. */
    record SessionInfo(long slot, long state, long flags, long deviceError) {
    }

    /** C_GenerateKeyPair's two object handles. */
    record KeyPairHandles(long publicKey, long privateKey) {
    }

    /**
     * CK_GCM_PARAMS: the IV (pIv, ulIvLen), the additional authenticated data (pAAD, ulAADLen) and the
     * tag length in bits (ulTagBits). The arrays are the caller's, not copied: this is a call argument.
     */
    record GcmParams(byte[] iv, byte[] aad, int tagBits) {
    }

    private static Pkcs11Failure failure(String function, PKCS11Exception e) {
        return new Pkcs11Failure(function, e.getErrorCode(), null, e);
    }

    /**
     * CK_GCM_PARAMS has two layouts in the wild: the v2.40 specification's, and its header's with an extra
     * ulIvBits (what SoftHSM2 uses). The JDK's native C_EncryptInit/C_DecryptInit passes the first and,
     * when the token answers CKR_ARGUMENTS_BAD or CKR_MECHANISM_PARAM_INVALID, calls again with the
     * second (ulIvBits = ulIvLen * 8), so either kind of token works through this one call.
     */
    private static CK_MECHANISM gcm(long mechanism, GcmParams parameters) {
        return new CK_MECHANISM(mechanism,
                new CK_GCM_PARAMS(parameters.tagBits(), parameters.iv(), parameters.aad()));
    }

    private static CK_ATTRIBUTE[] template(List<Attribute> attributes) {
        CK_ATTRIBUTE[] template = new CK_ATTRIBUTE[attributes.size()];
        for (int i = 0; i < template.length; i++) {
            Attribute attribute = attributes.get(i);
            Object value = attribute.value();
            template[i] = value instanceof Boolean b ? new CK_ATTRIBUTE(attribute.type(), b.booleanValue())
                    : value instanceof Long n ? new CK_ATTRIBUTE(attribute.type(), n.longValue())
                    : new CK_ATTRIBUTE(attribute.type(), value);
        }
        return template;
    }

    /** The wrapper hands CKA_LABEL back as a char per byte; Signet deals in bytes. */
    private static Object value(Object raw) {
        if (raw instanceof char[] chars) {
            byte[] bytes = new byte[chars.length];
            for (int i = 0; i < chars.length; i++) {
                bytes[i] = (byte) chars[i];
            }
            return bytes;
        }
        return raw;
    }

    /** CK_UTF8CHAR fields arrive one char per byte and blank padded. */
    private static String text(char[] field) {
        byte[] bytes = (byte[]) value(field);
        return new String(bytes, StandardCharsets.UTF_8).stripTrailing();
    }
}
