package dev.signet.adapters.crypto.pkcs11;

import java.security.SecureRandom;
import java.util.Arrays;

/**
 * AES-GCM with a key that never leaves the token: single-part C_Encrypt/C_Decrypt with CKM_AES_GCM, a
 * caller-chosen 96-bit IV and a 128-bit tag appended to the ciphertext (what PKCS#11 defines for
 * CKM_AES_GCM, and the layout of javax.crypto's "AES/GCM/NoPadding").
 *
 * <p>The caller's IV is used as given. SoftHSM 2.6.1 does so (for any IV length); the standard also lets a
 * token insist on making the IV itself, as FIPS 140 modules tend to, and PKCS#11 3.0 moved token-made IVs
 * to the message API (C_MessageEncryptInit with CK_GCM_MESSAGE_PARAMS). {@link #seal} therefore checks that
 * the output has exactly the length of a caller-IV encryption, so that such a token fails loudly instead
 * of sealing under an IV that nobody recorded.
 *
 * <p>How a token reports a wrong tag varies: the standard's codes are CKR_ENCRYPTED_DATA_INVALID and, since
 * 3.0, CKR_AEAD_DECRYPT_FAILED, while SoftHSM 2.6.1 answers CKR_GENERAL_ERROR, which a real device fault
 * can also produce. For those ambiguous codes the token is asked to seal and open a throwaway value with
 * the same key: if it can, the input was at fault and the caller hears {@link TokenDecryptionFailed}; if it
 * cannot, the original {@link Pkcs11Failure} stands, as the token fault it is. Either way a forger cannot
 * open the circuit breaker by sending bad ciphertexts.
 */
final class AesGcmInToken {
    static final int NONCE_LENGTH = 12;
    static final int TAG_LENGTH = 16;
    private static final int TAG_BITS = TAG_LENGTH * 8;

    private final Cryptoki cryptoki;
    private final SecureRandom random = new SecureRandom();

    AesGcmInToken(Cryptoki cryptoki) {
        this.cryptoki = cryptoki;
    }

    /** ciphertext || tag. */
    byte[] seal(long session, long key, byte[] nonce, byte[] aad, byte[] plaintext) {
        cryptoki.encryptInit(session, Ck.CKM_AES_GCM, new Cryptoki.GcmParams(nonce, aad, TAG_BITS), key);
        byte[] sealed;
        try {
            sealed = cryptoki.encrypt(session, plaintext, plaintext.length + TAG_LENGTH);
        } catch (Pkcs11Failure failure) {
            throw unlessOperationEnded(failure);
        }
        if (sealed.length != plaintext.length + TAG_LENGTH) {
            throw new Pkcs11Unavailable("the token returned " + sealed.length + " bytes of AES-GCM output for "
                    + plaintext.length + " bytes of plaintext, not plaintext + 16-byte tag; it may not honour a"
                    + " caller-chosen IV, which Signet needs");
        }
        return sealed;
    }

    /**
     * @param what names the data for the message, e.g. "data sealed under key-encryption key 'k'"
     * @throws TokenDecryptionFailed when the token says the input is not authentic
     */
    byte[] open(long session, long key, byte[] nonce, byte[] aad, byte[] sealed, String what) {
        cryptoki.decryptInit(session, Ck.CKM_AES_GCM, new Cryptoki.GcmParams(nonce, aad, TAG_BITS), key);
        try {
            // The ciphertext's length bounds the plaintext's; SoftHSM refuses anything smaller.
            return cryptoki.decrypt(session, sealed, sealed.length);
        } catch (Pkcs11Failure failure) {
            if (notAuthentic(failure) || (ambiguous(failure) && stillWorks(session, key, failure))) {
                throw new TokenDecryptionFailed(what + " is not authentic: its ciphertext, tag, nonce or additional"
                        + " data was altered, or it was sealed under another key (the token answered "
                        + failure.getMessage() + ")", failure);
            }
            throw unlessOperationEnded(failure);
        }
    }

    private static boolean notAuthentic(Pkcs11Failure failure) {
        long code = failure.code();
        return code == Pkcs11Failure.CKR_ENCRYPTED_DATA_INVALID || code == Pkcs11Failure.CKR_ENCRYPTED_DATA_LEN_RANGE
                || code == Pkcs11Failure.CKR_AEAD_DECRYPT_FAILED;
    }

    private static boolean ambiguous(Pkcs11Failure failure) {
        return failure.code() == Pkcs11Failure.CKR_GENERAL_ERROR || failure.code() == Pkcs11Failure.CKR_FUNCTION_FAILED;
    }

    /**
     * CKR_BUFFER_TOO_SMALL is the one answer that leaves the operation active (SoftHSM then refuses the
     * next C_EncryptInit with CKR_OPERATION_ACTIVE); reported as something other than a Pkcs11Failure, it
     * makes the pool close the session instead of lending it out again.
     */
    private static RuntimeException unlessOperationEnded(Pkcs11Failure failure) {
        return failure.code() == Pkcs11Failure.CKR_BUFFER_TOO_SMALL
                ? new IllegalStateException("the token wants a larger AES-GCM output buffer than GCM needs", failure)
                : failure;
    }

    /**
     * A round trip of a random value under a random IV, decrypted without this class's interpretation
     * (so no probe of the probe): shows whether the key and the token's GCM work right now.
     */
    private boolean stillWorks(long session, long key, Pkcs11Failure original) {
        byte[] nonce = new byte[NONCE_LENGTH];
        byte[] probe = new byte[16];
        random.nextBytes(nonce);
        random.nextBytes(probe);
        byte[] aad = new byte[0];
        try {
            byte[] sealed = seal(session, key, nonce, aad, probe);
            cryptoki.decryptInit(session, Ck.CKM_AES_GCM, new Cryptoki.GcmParams(nonce, aad, TAG_BITS), key);
            return Arrays.equals(cryptoki.decrypt(session, sealed, sealed.length), probe);
        } catch (Pkcs11Failure probeFailed) {
            if (probeFailed.isRecoverable()) {
                // The session or token went away meanwhile: report that, so that the pool repairs it.
                probeFailed.addSuppressed(original);
                throw probeFailed;
            }
            original.addSuppressed(probeFailed);
            return false;
        }
    }
}
