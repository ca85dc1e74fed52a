package dev.signet.adapters.crypto.pkcs11;

/**
 * The PKCS#11 constants Signet uses, with their standard names and values (pkcs11t.h). Kept apart from
 * {@link Cryptoki} so that the classes above it can build templates without touching the JDK wrapper.
 */
final class Ck {
    private Ck() {
    }

    // Object classes (CKO_) and key types (CKK_)
    static final long CKO_PUBLIC_KEY = 0x2;
    static final long CKO_PRIVATE_KEY = 0x3;
    static final long CKO_SECRET_KEY = 0x4;
    static final long CKK_GENERIC_SECRET = 0x10;
    static final long CKK_DES = 0x13;
    static final long CKK_DES2 = 0x14;
    static final long CKK_DES3 = 0x15;
    static final long CKK_AES = 0x1F;
    static final long CKK_EC_EDWARDS = 0x40;

    // Attributes (CKA_)
    static final long CKA_CLASS = 0x0;
    static final long CKA_TOKEN = 0x1;
    static final long CKA_PRIVATE = 0x2;
    static final long CKA_LABEL = 0x3;
    static final long CKA_VALUE = 0x11;
    static final long CKA_KEY_TYPE = 0x100;
    static final long CKA_ID = 0x102;
    static final long CKA_SENSITIVE = 0x103;
    static final long CKA_ENCRYPT = 0x104;
    static final long CKA_DECRYPT = 0x105;
    static final long CKA_WRAP = 0x106;
    static final long CKA_UNWRAP = 0x107;
    static final long CKA_SIGN = 0x108;
    static final long CKA_VERIFY = 0x10A;
    static final long CKA_DERIVE = 0x10C;
    static final long CKA_VALUE_LEN = 0x161;
    static final long CKA_EXTRACTABLE = 0x162;
    static final long CKA_NEVER_EXTRACTABLE = 0x164;
    static final long CKA_ALWAYS_SENSITIVE = 0x165;
    static final long CKA_EC_PARAMS = 0x180;
    static final long CKA_EC_POINT = 0x181;

    // Mechanisms (CKM_)
    static final long CKM_EC_EDWARDS_KEY_PAIR_GEN = 0x1055;
    static final long CKM_EDDSA = 0x1057;
    static final long CKM_AES_KEY_GEN = 0x1080;
    static final long CKM_AES_GCM = 0x1087;

    // Sessions: C_OpenSession flags (CKF_), user types (CKU_), session states (CKS_)
    static final long CKF_RW_SESSION = 0x2;
    static final long CKF_SERIAL_SESSION = 0x4;
    static final long CKU_USER = 1;
    static final long CKS_RO_USER_FUNCTIONS = 1;
    static final long CKS_RW_USER_FUNCTIONS = 3;

    // Token flags (CKF_, in CK_TOKEN_INFO)
    static final long CKF_TOKEN_INITIALIZED = 0x400;

    /** CKO_ name and value, e.g. "CKO_PUBLIC_KEY (0x2)", for messages. */
    static String objectClassName(long objectClass) {
        String name = objectClass == 0x0 ? "CKO_DATA" : objectClass == 0x1 ? "CKO_CERTIFICATE"
                : objectClass == CKO_PUBLIC_KEY ? "CKO_PUBLIC_KEY" : objectClass == CKO_PRIVATE_KEY ? "CKO_PRIVATE_KEY"
                : objectClass == CKO_SECRET_KEY ? "CKO_SECRET_KEY" : "object class";
        return name + " (0x" + Long.toHexString(objectClass) + ")";
    }

    /** CKK_ name and value, e.g. "CKK_DES3 (0x15)", for messages. */
    static String keyTypeName(long keyType) {
        String name = keyType == CKK_GENERIC_SECRET ? "CKK_GENERIC_SECRET" : keyType == CKK_DES ? "CKK_DES"
                : keyType == CKK_DES2 ? "CKK_DES2" : keyType == CKK_DES3 ? "CKK_DES3" : keyType == CKK_AES ? "CKK_AES"
                : keyType == CKK_EC_EDWARDS ? "CKK_EC_EDWARDS" : "key type";
        return name + " (0x" + Long.toHexString(keyType) + ")";
    }
}
