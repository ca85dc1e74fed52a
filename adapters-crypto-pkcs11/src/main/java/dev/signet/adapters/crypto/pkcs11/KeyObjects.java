package dev.signet.adapters.crypto.pkcs11;

import dev.signet.domain.Conflict;
import dev.signet.domain.Hex;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds key objects in the token and reads their attributes. Also the one place that notices a lost
 * login: a session that is no longer logged in does not fail a search, it just stops seeing private
 * objects (CKA_PRIVATE=true), so "not found" is only believed once the session is known to be logged in.
 */
final class KeyObjects {
    private static final int BATCH = 16;
    /** More matches than any sane token holds for one id or label; stops a runaway search. */
    private static final int LIMIT = 1024;

    private final Cryptoki cryptoki;
    /** CKA_ID (hex) to the handle last found for it: object handles hold for every session of the process. */
    private final ConcurrentHashMap<String, Long> privateKeyHandles = new ConcurrentHashMap<>();

    KeyObjects(Cryptoki cryptoki) {
        this.cryptoki = cryptoki;
    }

    /** Every object matching the template (C_FindObjectsInit, C_FindObjects until empty, C_FindObjectsFinal). */
    List<Long> find(long session, List<Attribute> template) {
        cryptoki.findObjectsInit(session, template);
        List<Long> found = new ArrayList<>();
        try {
            long[] batch;
            while (found.size() < LIMIT && (batch = cryptoki.findObjects(session, BATCH)).length > 0) {
                for (long handle : batch) {
                    found.add(handle);
                }
            }
        } catch (RuntimeException e) {
            finishQuietly(session, e);
            throw e;
        }
        cryptoki.findObjectsFinal(session);
        return found;
    }

    /** The private key with this CKA_ID; several would be a token in a state Signet must not guess about. */
    OptionalLong privateKey(long session, byte[] id) {
        List<Long> keys = find(session, List.of(Attribute.of(Ck.CKA_CLASS, Ck.CKO_PRIVATE_KEY),
                Attribute.of(Ck.CKA_ID, id)));
        if (keys.size() > 1) {
            throw new Conflict(keys.size() + " private keys in the token share CKA_ID "
                    + Hex.encode(id) + "; Signet will not pick one");
        }
        return keys.isEmpty() ? OptionalLong.empty() : OptionalLong.of(keys.get(0));
    }

    /**
     * As {@link #privateKey}, for signing: reuses the handle found last time for this CKA_ID once the token
     * confirms that it still names a private key with that CKA_ID (one C_GetAttributeValue instead of a
     * four-call search). A handle the token no longer knows, or that now names another object, is searched
     * for again; failures of the session itself (a lost login, a closed session) reach the pool as before.
     */
    OptionalLong rememberedPrivateKey(long session, byte[] id) {
        String key = Hex.encode(id);
        Long remembered = privateKeyHandles.get(key);
        if (remembered != null && stillNamesPrivateKey(session, remembered, id)) {
            return OptionalLong.of(remembered);
        }
        OptionalLong found = privateKey(session, id);
        if (found.isPresent()) {
            privateKeyHandles.put(key, found.getAsLong());
        } else {
            privateKeyHandles.remove(key);
        }
        return found;
    }

    /** After destroying the key with this CKA_ID: its handle must not be offered again. */
    void forgetPrivateKey(byte[] id) {
        privateKeyHandles.remove(Hex.encode(id));
    }

    private boolean stillNamesPrivateKey(long session, long handle, byte[] id) {
        try {
            List<Attribute> attributes = cryptoki.getAttributeValue(session, handle, Ck.CKA_CLASS, Ck.CKA_ID);
            return attributes.get(0).number() == Ck.CKO_PRIVATE_KEY && Arrays.equals(attributes.get(1).bytes(), id);
        } catch (Pkcs11Failure e) {
            if (e.code() == Pkcs11Failure.CKR_OBJECT_HANDLE_INVALID || e.code() == Pkcs11Failure.CKR_KEY_HANDLE_INVALID
                    || e.code() == Pkcs11Failure.CKR_ATTRIBUTE_SENSITIVE
                    || e.code() == Pkcs11Failure.CKR_ATTRIBUTE_TYPE_INVALID) {
                return false;
            }
            throw e;
        }
    }

    byte[] bytes(long session, long object, long type) {
        return cryptoki.getAttributeValue(session, object, type).get(0).bytes();
    }

    long number(long session, long object, long type) {
        return cryptoki.getAttributeValue(session, object, type).get(0).number();
    }

    /**
     * Before reporting that a private object does not exist: fails with CKR_USER_NOT_LOGGED_IN (which the
     * pool repairs and the retry repeats) if the session was logged out behind Signet's back.
     */
    void requireLoggedIn(long session, String function) {
        long state = cryptoki.getSessionInfo(session).state();
        if (state != Ck.CKS_RW_USER_FUNCTIONS && state != Ck.CKS_RO_USER_FUNCTIONS) {
            throw new Pkcs11Failure(function, Pkcs11Failure.CKR_USER_NOT_LOGGED_IN,
                    "the session is no longer logged in, so private keys are invisible to it", null);
        }
    }

    private void finishQuietly(long session, RuntimeException primary) {
        try {
            cryptoki.findObjectsFinal(session);
        } catch (RuntimeException secondary) {
            primary.addSuppressed(secondary);
        }
    }
}
