package dev.signet.adapters.crypto.pkcs11;

import dev.signet.domain.SignetException;

/**
 * A PKCS#11 function returned something other than CKR_OK. Carries the function and the numeric CK_RV
 * so that callers can decide (retry after a lost session, fail at once on a wrong PIN); the message
 * reads "C_Sign failed: CKR_SESSION_HANDLE_INVALID (0xB3)", optionally followed by what Signet was
 * doing. Never contains a PIN or key material.
 */
public final class Pkcs11Failure extends SignetException {
    public static final long CKR_DEVICE_ERROR = 0x30;
    public static final long CKR_DEVICE_MEMORY = 0x31;
    public static final long CKR_DEVICE_REMOVED = 0x32;
    public static final long CKR_SLOT_ID_INVALID = 0x03;
    public static final long CKR_GENERAL_ERROR = 0x05;
    public static final long CKR_FUNCTION_FAILED = 0x06;
    public static final long CKR_ATTRIBUTE_SENSITIVE = 0x11;
    public static final long CKR_ATTRIBUTE_TYPE_INVALID = 0x12;
    public static final long CKR_KEY_HANDLE_INVALID = 0x60;
    public static final long CKR_OBJECT_HANDLE_INVALID = 0x82;
    public static final long CKR_ENCRYPTED_DATA_INVALID = 0x40;
    public static final long CKR_ENCRYPTED_DATA_LEN_RANGE = 0x41;
    public static final long CKR_AEAD_DECRYPT_FAILED = 0x42;
    public static final long CKR_OPERATION_ACTIVE = 0x90;
    public static final long CKR_PIN_INCORRECT = 0xA0;
    public static final long CKR_PIN_EXPIRED = 0xA3;
    public static final long CKR_PIN_LOCKED = 0xA4;
    public static final long CKR_SESSION_CLOSED = 0xB0;
    public static final long CKR_SESSION_HANDLE_INVALID = 0xB3;
    public static final long CKR_TOKEN_NOT_PRESENT = 0xE0;
    public static final long CKR_USER_ALREADY_LOGGED_IN = 0x100;
    public static final long CKR_USER_NOT_LOGGED_IN = 0x101;
    public static final long CKR_BUFFER_TOO_SMALL = 0x150;
    public static final long CKR_CRYPTOKI_ALREADY_INITIALIZED = 0x191;

    private final String function;
    private final long code;

    public Pkcs11Failure(String function, long code) {
        this(function, code, null, null);
    }

    public Pkcs11Failure(String function, long code, String context, Throwable cause) {
        super(function + " failed: " + CkrNames.describe(code) + (context == null ? "" : ": " + context), cause);
        this.function = function;
        this.code = code;
    }

    /** The same failure with what Signet was doing appended to its message. */
    public Pkcs11Failure withContext(String context) {
        return new Pkcs11Failure(function, code, context, this);
    }

    /** The PKCS#11 function that failed, e.g. "C_Sign". */
    public String function() {
        return function;
    }

    /** The numeric CK_RV. */
    public long code() {
        return code;
    }

    /** The CK_RV's standard name, e.g. "CKR_PIN_INCORRECT". */
    public String codeName() {
        return CkrNames.name(code);
    }

    /** The session handle is gone (closed behind Signet's back, or by C_CloseAllSessions): open another. */
    public boolean isSessionLost() {
        return code == CKR_SESSION_HANDLE_INVALID || code == CKR_SESSION_CLOSED;
    }

    /** The application's login to the token is gone (C_Logout elsewhere in the process): log in again. */
    public boolean isLoginLost() {
        return code == CKR_USER_NOT_LOGGED_IN;
    }

    /**
     * The token went away or was reset: every session is gone and its slot id may have changed. A slot id
     * that is no longer valid is the same event seen from a call that names the slot (SoftHSM gives a
     * re-initialised token a new random slot id).
     */
    public boolean isTokenLost() {
        return code == CKR_TOKEN_NOT_PRESENT || code == CKR_DEVICE_REMOVED || code == CKR_SLOT_ID_INVALID;
    }

    /**
     * Worth another attempt after re-opening the session, logging in again or finding the token again.
     * Nothing else is retried: a wrong PIN in particular never is, since every attempt spends one of
     * the token's PIN tries and may lock it.
     */
    public boolean isRecoverable() {
        return isSessionLost() || isLoginLost() || isTokenLost();
    }

    /**
     * The session may be left in a state nobody can see from here: a device fault in the middle of an
     * operation (a library that lost track of its device need not end the operation, as PKCS#11 says it
     * should), or an operation still active that Signet did not leave active. Such a session is closed
     * rather than lent again, since closing it ends whatever the library left behind.
     */
    public boolean leavesSessionInDoubt() {
        return (isTokenFault() && !isRecoverable()) || code == CKR_OPERATION_ACTIVE;
    }

    /**
     * Says the token itself is unhealthy (as opposed to a request it refused, such as an unknown key or a
     * sensitive attribute): these are what the circuit breaker counts.
     */
    public boolean isTokenFault() {
        return isRecoverable() || code == CKR_DEVICE_ERROR || code == CKR_DEVICE_MEMORY
                || code == CKR_GENERAL_ERROR || code == CKR_FUNCTION_FAILED;
    }
}
