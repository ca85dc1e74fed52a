package dev.signet.adapters.crypto.pkcs11;

/**
 * The PKCS#11 functions that finding the token and keeping sessions logged in take, as {@link Cryptoki}
 * mirrors them. Apart from it so that the pool's repair logic can also be tested against a token that
 * misbehaves on demand (SoftHSM cannot be made to report a removed or reset token).
 */
interface SessionFunctions {
    /** C_GetSlotList. */
    long[] getSlotList(boolean tokenPresent);

    /** C_GetTokenInfo. */
    Cryptoki.TokenInfo getTokenInfo(long slot);

    /** C_OpenSession. */
    long openSession(long slot, long flags);

    /** C_CloseSession. */
    void closeSession(long session);

    /** C_GetSessionInfo. */
    Cryptoki.SessionInfo getSessionInfo(long session);

    /** C_Login. */
    void login(long session, long userType, char[] pin);
}
