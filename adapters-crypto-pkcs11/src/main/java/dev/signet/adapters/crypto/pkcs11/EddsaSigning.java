package dev.signet.adapters.crypto.pkcs11;

import dev.signet.domain.Hex;
import dev.signet.domain.NotFound;
import dev.signet.domain.signature.Ed25519Signature;
import dev.signet.domain.signature.SignedMessage;

/**
 * Signs inside the token: C_SignInit with CKM_EDDSA (no parameters: plain Ed25519, no prehash, no
 * context, as compat.md requires) and a single-part C_Sign over the message bytes.
 */
final class EddsaSigning {
    private final Cryptoki cryptoki;
    private final KeyObjects keys;
    private final String tokenLabel;

    EddsaSigning(Cryptoki cryptoki, KeyObjects keys, String tokenLabel) {
        this.cryptoki = cryptoki;
        this.keys = keys;
        this.tokenLabel = tokenLabel;
    }

    Ed25519Signature sign(long session, byte[] objectId, SignedMessage message) {
        long key = keys.rememberedPrivateKey(session, objectId).orElseThrow(() -> {
            keys.requireLoggedIn(session, "C_FindObjects");
            return new NotFound("token '" + tokenLabel + "' has no private key with CKA_ID " + Hex.encode(objectId)
                    + ": it was destroyed (a revoked key) or never existed there");
        });
        cryptoki.signInit(session, Ck.CKM_EDDSA, key);
        byte[] signature = cryptoki.sign(session, message.bytes());
        if (signature.length != Ed25519Signature.LENGTH) {
            throw new Pkcs11Unavailable("token '" + tokenLabel + "' returned a " + signature.length
                    + "-byte CKM_EDDSA signature, not the 64 bytes of Ed25519");
        }
        return new Ed25519Signature(signature);
    }
}
