package dev.signet.adapters.crypto.pkcs11;

import dev.signet.application.port.out.HsmKeyCustodian.HsmKey;
import dev.signet.domain.Conflict;
import dev.signet.domain.Hex;
import dev.signet.domain.key.Ed25519PublicKey;
import dev.signet.domain.key.KeyCustody;
import dev.signet.domain.key.KeyId;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Generates an Ed25519 key pair inside the token: token objects that survive the session, the private
 * half sensitive, never extractable and usable only to sign, tied to the Signet key by CKA_ID (the key
 * id's 16 UUID bytes) and CKA_LABEL ("signet-" + key id) so that an operator can find it with any tool.
 */
final class KeyPairGeneration {
    static final String LABEL_PREFIX = "signet-";

    private final Cryptoki cryptoki;
    private final KeyObjects keys;
    private final String tokenLabel;

    KeyPairGeneration(Cryptoki cryptoki, KeyObjects keys, String tokenLabel) {
        this.cryptoki = cryptoki;
        this.keys = keys;
        this.tokenLabel = tokenLabel;
    }

    /** CKA_ID for a Signet key: its UUID's 16 bytes, most significant first. */
    static byte[] objectId(KeyId keyId) {
        return ByteBuffer.allocate(16).putLong(keyId.value().getMostSignificantBits())
                .putLong(keyId.value().getLeastSignificantBits()).array();
    }

    static String label(KeyId keyId) {
        return LABEL_PREFIX + keyId;
    }

    HsmKey generate(long session, KeyId keyId) {
        byte[] id = objectId(keyId);
        byte[] label = label(keyId).getBytes(StandardCharsets.UTF_8);
        // Also guards a retried call whose first attempt did create the pair before the session was lost.
        if (!keys.find(session, List.of(Attribute.of(Ck.CKA_ID, id))).isEmpty()) {
            throw new Conflict("token '" + tokenLabel + "' already holds objects with CKA_ID " + Hex.encode(id)
                    + " (key " + keyId + "); refusing to make a second key pair with the same id");
        }
        List<Attribute> publicTemplate = List.of(
                Attribute.of(Ck.CKA_CLASS, Ck.CKO_PUBLIC_KEY),
                Attribute.of(Ck.CKA_KEY_TYPE, Ck.CKK_EC_EDWARDS),
                Attribute.of(Ck.CKA_TOKEN, true),
                Attribute.of(Ck.CKA_PRIVATE, false),
                Attribute.of(Ck.CKA_VERIFY, true),
                Attribute.of(Ck.CKA_EC_PARAMS, EdwardsEncoding.ED25519_OID),
                Attribute.of(Ck.CKA_ID, id),
                Attribute.of(Ck.CKA_LABEL, label));
        List<Attribute> privateTemplate = List.of(
                Attribute.of(Ck.CKA_CLASS, Ck.CKO_PRIVATE_KEY),
                Attribute.of(Ck.CKA_KEY_TYPE, Ck.CKK_EC_EDWARDS),
                Attribute.of(Ck.CKA_TOKEN, true),
                Attribute.of(Ck.CKA_PRIVATE, true),
                Attribute.of(Ck.CKA_SENSITIVE, true),
                Attribute.of(Ck.CKA_EXTRACTABLE, false),
                Attribute.of(Ck.CKA_SIGN, true),
                // Least privilege: a signing key does nothing else, whatever the token's defaults.
                Attribute.of(Ck.CKA_DECRYPT, false),
                Attribute.of(Ck.CKA_UNWRAP, false),
                Attribute.of(Ck.CKA_DERIVE, false),
                Attribute.of(Ck.CKA_ID, id),
                Attribute.of(Ck.CKA_LABEL, label));
        Cryptoki.KeyPairHandles pair;
        try {
            pair = cryptoki.generateKeyPair(session, Ck.CKM_EC_EDWARDS_KEY_PAIR_GEN, publicTemplate, privateTemplate);
        } catch (Pkcs11Failure e) {
            throw e.withContext("generating Ed25519 key " + keyId + " in token '" + tokenLabel + "'");
        }
        try {
            Ed25519PublicKey publicKey = EdwardsEncoding.publicKey(keys.bytes(session, pair.publicKey(), Ck.CKA_EC_POINT));
            return new HsmKey(publicKey, new KeyCustody.Hsm(tokenLabel, id));
        } catch (RuntimeException e) {
            // A pair Signet cannot record would sit in the token unused: remove it.
            destroyQuietly(session, pair.privateKey(), e);
            destroyQuietly(session, pair.publicKey(), e);
            throw e;
        }
    }

    private void destroyQuietly(long session, long object, RuntimeException primary) {
        try {
            cryptoki.destroyObject(session, object);
        } catch (RuntimeException secondary) {
            primary.addSuppressed(secondary);
        }
    }
}
