package dev.signet.adapters.crypto.pkcs11;

import dev.signet.domain.Conflict;
import dev.signet.domain.NotFound;
import dev.signet.domain.Require;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Key-encryption keys that live in the token as AES-256 secret keys, found by CKA_LABEL: sensitive and
 * never extractable, so software private keys are sealed and opened inside the token and the KEK never
 * exists in this process. Shares the custodian's logged-in session pool, retries, circuit breaker and
 * bulkhead, and so its life: closing the custodian ends this too.
 *
 * <p>AES-256-GCM with a 96-bit nonce and a 128-bit tag; sealed output is ciphertext || tag, the layout of
 * javax.crypto's "AES/GCM/NoPadding". The nonce is the caller's and must never repeat under one KEK (a
 * repeat reveals the XOR of two plaintexts and lets tags be forged): random nonces are fine for up to 2^32
 * seals per KEK (NIST SP 800-38D). A seal retried after a lost session repeats the same nonce with the same
 * plaintext, which yields the same output and so reveals nothing.
 *
 * <p>Thread-safe.
 */
public final class TokenKeyEncryptionKeys {
    /** Bytes of nonce that {@link #seal} and {@link #open} take. */
    public static final int NONCE_LENGTH = AesGcmInToken.NONCE_LENGTH;
    /** Bytes of tag that {@link #seal} appends to the ciphertext. */
    public static final int TAG_LENGTH = AesGcmInToken.TAG_LENGTH;
    private static final long KEY_LENGTH = 32;
    private static final int MAX_LABEL = 255;
    private static final String WANTED = "Signet wraps keys only under an AES secret key that is CKA_SENSITIVE and"
            + " not CKA_EXTRACTABLE (signet kek create --pkcs11-label makes one)";

    private final Pkcs11KeyCustodian custodian;
    private final Cryptoki cryptoki;
    private final KeyObjects keys;
    private final AesGcmInToken gcm;
    private final String tokenLabel;
    /** Makes check-then-generate atomic within this process (the token has no unique labels). */
    private final Object generating = new Object();

    public TokenKeyEncryptionKeys(Pkcs11KeyCustodian custodian) {
        this.custodian = Require.present(custodian, "PKCS#11 key custodian");
        this.cryptoki = custodian.cryptoki();
        this.keys = new KeyObjects(cryptoki);
        this.gcm = new AesGcmInToken(cryptoki);
        this.tokenLabel = custodian.tokenLabel();
    }

    /**
     * Generates a KEK in the token: an AES-256 token object, private, sensitive, never extractable, able to
     * encrypt and decrypt only (no wrapping, signing or deriving), labelled {@code label}.
     *
     * @throws Conflict when any object in the token already carries the label, including after a retry
     *                  whose first attempt made the key before its session was lost
     */
    public void generate(String label) {
        String name = label(label);
        synchronized (generating) {
            custodian.call("generating key-encryption key '" + name + "'", session -> {
                byte[] labelBytes = name.getBytes(StandardCharsets.UTF_8);
                if (!keys.find(session, List.of(Attribute.of(Ck.CKA_LABEL, labelBytes))).isEmpty()) {
                    throw new Conflict("token '" + tokenLabel + "' already holds an object labelled '" + name
                            + "'; refusing to make a key-encryption key with the same label");
                }
                try {
                    return cryptoki.generateKey(session, Ck.CKM_AES_KEY_GEN, template(labelBytes));
                } catch (Pkcs11Failure e) {
                    throw e.withContext("generating key-encryption key '" + name + "' in token '" + tokenLabel + "'");
                }
            });
        }
    }

    /** Whether the token holds an AES key labelled {@code label} (believed only from a logged-in session). */
    public boolean exists(String label) {
        String name = label(label);
        return custodian.call("looking up key-encryption key '" + name + "'", session -> {
            if (!find(session, name).isEmpty()) {
                return true;
            }
            keys.requireLoggedIn(session, "C_FindObjects");
            return false;
        });
    }

    /**
     * Encrypts inside the token with AES-256-GCM under the KEK labelled {@code label}.
     *
     * @param nonce12 12 bytes, never used before with this KEK
     * @param aad     additional authenticated data (may be empty): bound to the output, not in it
     * @return ciphertext || 16-byte tag, {@code plaintext.length + 16} bytes
     * @throws NotFound when the token holds no such KEK
     */
    public byte[] seal(String label, byte[] nonce12, byte[] aad, byte[] plaintext) {
        String name = label(label);
        byte[] nonce = Require.length(nonce12, NONCE_LENGTH, "AES-GCM nonce");
        Require.present(aad, "additional authenticated data");
        Require.present(plaintext, "plaintext");
        if (plaintext.length > Integer.MAX_VALUE - TAG_LENGTH) {
            throw new IllegalArgumentException("plaintext too long for AES-GCM in one call");
        }
        return custodian.call("sealing under key-encryption key '" + name + "'",
                session -> gcm.seal(session, key(session, name), nonce, aad, plaintext));
    }

    /**
     * Decrypts inside the token what {@link #seal} made with the same KEK, nonce and additional data.
     *
     * @return the plaintext; the caller wipes it once used
     * @throws TokenDecryptionFailed when the input is not authentic (altered, or another nonce, additional
     *                               data or key)
     * @throws NotFound              when the token holds no such KEK
     */
    public byte[] open(String label, byte[] nonce12, byte[] aad, byte[] ciphertextAndTag) {
        String name = label(label);
        byte[] nonce = Require.length(nonce12, NONCE_LENGTH, "AES-GCM nonce");
        Require.present(aad, "additional authenticated data");
        Require.present(ciphertextAndTag, "ciphertext");
        String what = "data sealed under key-encryption key '" + name + "' in token '" + tokenLabel + "'";
        if (ciphertextAndTag.length < TAG_LENGTH) {
            // Cannot hold a tag, so cannot be authentic; not worth a trip to the token.
            throw new TokenDecryptionFailed(what + " is not authentic: " + ciphertextAndTag.length
                    + " bytes cannot hold the 16-byte tag", null);
        }
        return custodian.call("opening data sealed under key-encryption key '" + name + "'",
                session -> gcm.open(session, key(session, name), nonce, aad, ciphertextAndTag, what));
    }

    @Override
    public String toString() {
        return "TokenKeyEncryptionKeys[token=" + tokenLabel + "]";
    }

    private static String label(String label) {
        return Require.name(label, MAX_LABEL, "key-encryption key label");
    }

    private static List<Attribute> template(byte[] label) {
        return List.of(
                Attribute.of(Ck.CKA_CLASS, Ck.CKO_SECRET_KEY),
                Attribute.of(Ck.CKA_KEY_TYPE, Ck.CKK_AES),
                Attribute.of(Ck.CKA_VALUE_LEN, KEY_LENGTH),
                Attribute.of(Ck.CKA_TOKEN, true),
                Attribute.of(Ck.CKA_PRIVATE, true),
                Attribute.of(Ck.CKA_SENSITIVE, true),
                Attribute.of(Ck.CKA_EXTRACTABLE, false),
                Attribute.of(Ck.CKA_ENCRYPT, true),
                Attribute.of(Ck.CKA_DECRYPT, true),
                // Least privilege: a KEK that could wrap would let any session export other keys under it.
                Attribute.of(Ck.CKA_WRAP, false),
                Attribute.of(Ck.CKA_UNWRAP, false),
                Attribute.of(Ck.CKA_SIGN, false),
                Attribute.of(Ck.CKA_VERIFY, false),
                Attribute.of(Ck.CKA_DERIVE, false),
                Attribute.of(Ck.CKA_LABEL, label));
    }

    private List<Long> find(long session, String name) {
        return keys.find(session, List.of(Attribute.of(Ck.CKA_CLASS, Ck.CKO_SECRET_KEY),
                Attribute.of(Ck.CKA_KEY_TYPE, Ck.CKK_AES),
                Attribute.of(Ck.CKA_LABEL, name.getBytes(StandardCharsets.UTF_8))));
    }

    /**
     * Looked up on every call rather than cached: a handle is only good until the token is reset or the
     * key replaced, and a search is cheap next to what a stale handle would cost.
     *
     * <p>Found by label alone, then checked: the label is all that names a KEK, so whatever object carries
     * it (one another tool made, or one put there to catch keys) must be an AES secret key that never
     * leaves the token in plaintext before anything is sealed under it or opened with it.
     */
    private long key(long session, String name) {
        List<Long> labelled = keys.find(session, List.of(Attribute.of(Ck.CKA_LABEL, name.getBytes(StandardCharsets.UTF_8))));
        List<Long> secret = new ArrayList<>();
        List<String> others = new ArrayList<>();
        for (long object : labelled) {
            long objectClass = keys.number(session, object, Ck.CKA_CLASS);
            if (objectClass == Ck.CKO_SECRET_KEY) {
                secret.add(object);
            } else {
                others.add(Ck.objectClassName(objectClass));
            }
        }
        if (secret.isEmpty()) {
            // Private objects are invisible to a session that lost its login: believe "absent" only once logged in.
            keys.requireLoggedIn(session, "C_FindObjects");
            if (labelled.isEmpty()) {
                throw new NotFound("token '" + tokenLabel + "' holds no key-encryption key labelled '" + name + "'");
            }
            throw new UnsafeKeyEncryptionKey("key-encryption key '" + name + "' in token '" + tokenLabel
                    + "' is refused: no secret key (CKO_SECRET_KEY) carries it, only " + String.join(", ", others)
                    + "; " + WANTED);
        }
        if (secret.size() > 1) {
            throw new Conflict(secret.size() + " secret keys are labelled '" + name + "' in token '" + tokenLabel
                    + "'; Signet will not pick one");
        }
        long key = secret.get(0);
        requireSafe(session, key, name);
        return key;
    }

    private void requireSafe(long session, long key, String name) {
        List<Attribute> attributes = cryptoki.getAttributeValue(session, key, Ck.CKA_KEY_TYPE, Ck.CKA_SENSITIVE,
                Ck.CKA_EXTRACTABLE);
        List<String> faults = new ArrayList<>();
        long keyType = attributes.get(0).number();
        if (keyType != Ck.CKK_AES) {
            faults.add("CKA_KEY_TYPE is " + Ck.keyTypeName(keyType) + ", not CKK_AES");
        }
        if (!attributes.get(1).bool()) {
            faults.add("CKA_SENSITIVE is false (its value can be read out)");
        }
        if (attributes.get(2).bool()) {
            faults.add("CKA_EXTRACTABLE is true (it can be wrapped out of the token)");
        }
        if (!faults.isEmpty()) {
            throw new UnsafeKeyEncryptionKey("key-encryption key '" + name + "' in token '" + tokenLabel
                    + "' is refused: " + String.join("; ", faults) + "; " + WANTED);
        }
    }
}
