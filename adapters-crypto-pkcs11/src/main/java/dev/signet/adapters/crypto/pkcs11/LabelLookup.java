package dev.signet.adapters.crypto.pkcs11;

import dev.signet.application.port.out.HsmKeyCustodian.HsmKey;
import dev.signet.domain.Conflict;
import dev.signet.domain.Hex;
import dev.signet.domain.NotFound;
import dev.signet.domain.key.Ed25519PublicKey;
import dev.signet.domain.key.KeyCustody;
import dev.signet.domain.key.MalformedKey;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * Adopts a key pair that another tool made in the token (e.g. {@code pkcs11-tool --keypairgen --key-type
 * EC:edwards25519 --label L --id ID}), found by CKA_LABEL: the public key object gives the key and its
 * CKA_ID, which must also name a private key, since Signet records the pair by that id.
 */
final class LabelLookup {
    private static final int MAX_OBJECT_ID = 64;

    private final KeyObjects keys;
    private final String tokenLabel;

    LabelLookup(KeyObjects keys, String tokenLabel) {
        this.keys = keys;
        this.tokenLabel = tokenLabel;
    }

    Optional<HsmKey> find(long session, String label) {
        byte[] labelBytes = label.getBytes(StandardCharsets.UTF_8);
        List<Long> publics = keys.find(session, List.of(Attribute.of(Ck.CKA_CLASS, Ck.CKO_PUBLIC_KEY),
                Attribute.of(Ck.CKA_LABEL, labelBytes)));
        if (publics.isEmpty()) {
            List<Long> privates = keys.find(session, List.of(Attribute.of(Ck.CKA_CLASS, Ck.CKO_PRIVATE_KEY),
                    Attribute.of(Ck.CKA_LABEL, labelBytes)));
            if (privates.isEmpty()) {
                keys.requireLoggedIn(session, "C_FindObjects");
                return Optional.empty();
            }
            throw new NotFound("token '" + tokenLabel + "' holds a private key labelled '" + label
                    + "' but no public key object with that label, so Signet cannot learn its public key");
        }
        if (publics.size() > 1) {
            throw new Conflict(publics.size() + " public keys are labelled '" + label + "' in token '" + tokenLabel
                    + "'; give each key its own label");
        }
        long publicKey = publics.get(0);
        long keyType = keys.number(session, publicKey, Ck.CKA_KEY_TYPE);
        if (keyType != Ck.CKK_EC_EDWARDS) {
            throw new MalformedKey("key '" + label + "' in token '" + tokenLabel + "' is not an EC Edwards key"
                    + " (CKA_KEY_TYPE 0x" + Long.toHexString(keyType) + "); Signet signs with Ed25519 only");
        }
        byte[] params = keys.bytes(session, publicKey, Ck.CKA_EC_PARAMS);
        if (!EdwardsEncoding.isEd25519(params)) {
            throw new MalformedKey("key '" + label + "' in token '" + tokenLabel + "' is not on edwards25519"
                    + " (CKA_EC_PARAMS " + Hex.encode(params) + "); Signet signs with Ed25519 only");
        }
        Ed25519PublicKey key = EdwardsEncoding.publicKey(keys.bytes(session, publicKey, Ck.CKA_EC_POINT));
        byte[] id = keys.bytes(session, publicKey, Ck.CKA_ID);
        if (id.length == 0 || id.length > MAX_OBJECT_ID) {
            throw new MalformedKey("key '" + label + "' in token '" + tokenLabel + "' has a CKA_ID of " + id.length
                    + " bytes; Signet needs 1 to " + MAX_OBJECT_ID + " to find its private key (pkcs11-tool --id)");
        }
        if (keys.privateKey(session, id).isEmpty()) {
            keys.requireLoggedIn(session, "C_FindObjects");
            throw new NotFound("token '" + tokenLabel + "' holds the public key labelled '" + label
                    + "' but no private key with its CKA_ID " + Hex.encode(id));
        }
        return Optional.of(new HsmKey(key, new KeyCustody.Hsm(tokenLabel, id)));
    }
}
