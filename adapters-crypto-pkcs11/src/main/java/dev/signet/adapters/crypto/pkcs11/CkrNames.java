package dev.signet.adapters.crypto.pkcs11;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The names of PKCS#11 return values (CK_RV), so that an error says "CKR_PIN_INCORRECT (0xA0)" and not
 * a bare number. Every code defined by the standard's pkcs11t.h up to v3.0, plus those added by v3.1
 * and v3.2; anything at or above CKR_VENDOR_DEFINED is named relative to it, since its meaning is the
 * vendor's.
 */
public final class CkrNames {
    public static final long CKR_VENDOR_DEFINED = 0x80000000L;

    private static final Map<Long, String> NAMES = new TreeMap<>();

    static {
        name(0x000, "CKR_OK");
        name(0x001, "CKR_CANCEL");
        name(0x002, "CKR_HOST_MEMORY");
        name(0x003, "CKR_SLOT_ID_INVALID");
        name(0x005, "CKR_GENERAL_ERROR");
        name(0x006, "CKR_FUNCTION_FAILED");
        name(0x007, "CKR_ARGUMENTS_BAD");
        name(0x008, "CKR_NO_EVENT");
        name(0x009, "CKR_NEED_TO_CREATE_THREADS");
        name(0x00A, "CKR_CANT_LOCK");
        name(0x010, "CKR_ATTRIBUTE_READ_ONLY");
        name(0x011, "CKR_ATTRIBUTE_SENSITIVE");
        name(0x012, "CKR_ATTRIBUTE_TYPE_INVALID");
        name(0x013, "CKR_ATTRIBUTE_VALUE_INVALID");
        name(0x01B, "CKR_ACTION_PROHIBITED");
        name(0x020, "CKR_DATA_INVALID");
        name(0x021, "CKR_DATA_LEN_RANGE");
        name(0x030, "CKR_DEVICE_ERROR");
        name(0x031, "CKR_DEVICE_MEMORY");
        name(0x032, "CKR_DEVICE_REMOVED");
        name(0x040, "CKR_ENCRYPTED_DATA_INVALID");
        name(0x041, "CKR_ENCRYPTED_DATA_LEN_RANGE");
        name(0x042, "CKR_AEAD_DECRYPT_FAILED");
        name(0x050, "CKR_FUNCTION_CANCELED");
        name(0x051, "CKR_FUNCTION_NOT_PARALLEL");
        name(0x054, "CKR_FUNCTION_NOT_SUPPORTED");
        name(0x060, "CKR_KEY_HANDLE_INVALID");
        name(0x062, "CKR_KEY_SIZE_RANGE");
        name(0x063, "CKR_KEY_TYPE_INCONSISTENT");
        name(0x064, "CKR_KEY_NOT_NEEDED");
        name(0x065, "CKR_KEY_CHANGED");
        name(0x066, "CKR_KEY_NEEDED");
        name(0x067, "CKR_KEY_INDIGESTIBLE");
        name(0x068, "CKR_KEY_FUNCTION_NOT_PERMITTED");
        name(0x069, "CKR_KEY_NOT_WRAPPABLE");
        name(0x06A, "CKR_KEY_UNEXTRACTABLE");
        name(0x070, "CKR_MECHANISM_INVALID");
        name(0x071, "CKR_MECHANISM_PARAM_INVALID");
        name(0x082, "CKR_OBJECT_HANDLE_INVALID");
        name(0x090, "CKR_OPERATION_ACTIVE");
        name(0x091, "CKR_OPERATION_NOT_INITIALIZED");
        name(0x0A0, "CKR_PIN_INCORRECT");
        name(0x0A1, "CKR_PIN_INVALID");
        name(0x0A2, "CKR_PIN_LEN_RANGE");
        name(0x0A3, "CKR_PIN_EXPIRED");
        name(0x0A4, "CKR_PIN_LOCKED");
        name(0x0B0, "CKR_SESSION_CLOSED");
        name(0x0B1, "CKR_SESSION_COUNT");
        name(0x0B3, "CKR_SESSION_HANDLE_INVALID");
        name(0x0B4, "CKR_SESSION_PARALLEL_NOT_SUPPORTED");
        name(0x0B5, "CKR_SESSION_READ_ONLY");
        name(0x0B6, "CKR_SESSION_EXISTS");
        name(0x0B7, "CKR_SESSION_READ_ONLY_EXISTS");
        name(0x0B8, "CKR_SESSION_READ_WRITE_SO_EXISTS");
        name(0x0C0, "CKR_SIGNATURE_INVALID");
        name(0x0C1, "CKR_SIGNATURE_LEN_RANGE");
        name(0x0D0, "CKR_TEMPLATE_INCOMPLETE");
        name(0x0D1, "CKR_TEMPLATE_INCONSISTENT");
        name(0x0E0, "CKR_TOKEN_NOT_PRESENT");
        name(0x0E1, "CKR_TOKEN_NOT_RECOGNIZED");
        name(0x0E2, "CKR_TOKEN_WRITE_PROTECTED");
        name(0x0F0, "CKR_UNWRAPPING_KEY_HANDLE_INVALID");
        name(0x0F1, "CKR_UNWRAPPING_KEY_SIZE_RANGE");
        name(0x0F2, "CKR_UNWRAPPING_KEY_TYPE_INCONSISTENT");
        name(0x100, "CKR_USER_ALREADY_LOGGED_IN");
        name(0x101, "CKR_USER_NOT_LOGGED_IN");
        name(0x102, "CKR_USER_PIN_NOT_INITIALIZED");
        name(0x103, "CKR_USER_TYPE_INVALID");
        name(0x104, "CKR_USER_ANOTHER_ALREADY_LOGGED_IN");
        name(0x105, "CKR_USER_TOO_MANY_TYPES");
        name(0x110, "CKR_WRAPPED_KEY_INVALID");
        name(0x112, "CKR_WRAPPED_KEY_LEN_RANGE");
        name(0x113, "CKR_WRAPPING_KEY_HANDLE_INVALID");
        name(0x114, "CKR_WRAPPING_KEY_SIZE_RANGE");
        name(0x115, "CKR_WRAPPING_KEY_TYPE_INCONSISTENT");
        name(0x120, "CKR_RANDOM_SEED_NOT_SUPPORTED");
        name(0x121, "CKR_RANDOM_NO_RNG");
        name(0x130, "CKR_DOMAIN_PARAMS_INVALID");
        name(0x140, "CKR_CURVE_NOT_SUPPORTED");
        name(0x150, "CKR_BUFFER_TOO_SMALL");
        name(0x160, "CKR_SAVED_STATE_INVALID");
        name(0x170, "CKR_INFORMATION_SENSITIVE");
        name(0x180, "CKR_STATE_UNSAVEABLE");
        name(0x190, "CKR_CRYPTOKI_NOT_INITIALIZED");
        name(0x191, "CKR_CRYPTOKI_ALREADY_INITIALIZED");
        name(0x1A0, "CKR_MUTEX_BAD");
        name(0x1A1, "CKR_MUTEX_NOT_LOCKED");
        name(0x1B0, "CKR_NEW_PIN_MODE");
        name(0x1B1, "CKR_NEXT_OTP");
        name(0x1B5, "CKR_EXCEEDED_MAX_ITERATIONS");
        name(0x1B6, "CKR_FIPS_SELF_TEST_FAILED");
        name(0x1B7, "CKR_LIBRARY_LOAD_FAILED");
        name(0x1B8, "CKR_PIN_TOO_WEAK");
        name(0x1B9, "CKR_PUBLIC_KEY_INVALID");
        name(0x200, "CKR_FUNCTION_REJECTED");
        name(0x201, "CKR_TOKEN_RESOURCE_EXCEEDED");
        name(0x202, "CKR_OPERATION_CANCEL_FAILED");
        // v3.1
        name(0x203, "CKR_KEY_EXHAUSTED");
        // v3.2
        name(0x204, "CKR_PENDING");
        name(0x205, "CKR_SESSION_ASYNC_NOT_SUPPORTED");
        name(0x206, "CKR_SEED_RANDOM_REQUIRED");
        name(0x207, "CKR_OPERATION_NOT_VALIDATED");
        name(0x208, "CKR_TOKEN_NOT_INITIALIZED");
        name(0x209, "CKR_PARAMETER_SET_NOT_SUPPORTED");
    }

    private CkrNames() {
    }

    private static void name(long code, String name) {
        if (NAMES.put(code, name) != null) {
            throw new IllegalStateException("CKR code listed twice: " + hex(code));
        }
    }

    /**
     * The standard name of a return value: "CKR_PIN_INCORRECT", "CKR_VENDOR_DEFINED+0x1", or
     * "unknown CK_RV" for a number the standard does not define.
     */
    public static String name(long code) {
        String name = NAMES.get(code);
        if (name != null) {
            return name;
        }
        if (Long.compareUnsigned(code, CKR_VENDOR_DEFINED) >= 0) {
            return code == CKR_VENDOR_DEFINED ? "CKR_VENDOR_DEFINED"
                    : "CKR_VENDOR_DEFINED+0x" + Long.toHexString(code - CKR_VENDOR_DEFINED).toUpperCase(Locale.ROOT);
        }
        return "unknown CK_RV";
    }

    /** "CKR_SESSION_HANDLE_INVALID (0xB3)". */
    public static String describe(long code) {
        return name(code) + " (" + hex(code) + ")";
    }

    static String hex(long code) {
        return "0x" + Long.toHexString(code).toUpperCase(Locale.ROOT);
    }

    /** How many codes the table names; a test keeps it from shrinking silently. */
    static int size() {
        return NAMES.size();
    }
}
