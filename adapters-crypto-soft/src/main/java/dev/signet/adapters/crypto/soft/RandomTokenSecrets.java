package dev.signet.adapters.crypto.soft;

import dev.signet.application.port.out.TokenSecrets;
import dev.signet.domain.Hex;
import dev.signet.domain.principal.TokenHash;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Token secrets: {@code signet_} and 32 bytes from SecureRandom in unpadded base64url (256 bits, so a plain
 * SHA-256 is the right hash: there is nothing to guess, and every request's lookup stays one hash and one index
 * probe). The hash covers the whole presented text, prefix included.
 */
public final class RandomTokenSecrets implements TokenSecrets {
    static final String PREFIX = "signet_";
    private final SecureRandom random = new SecureRandom();

    @Override
    public NewSecret generate() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        return new NewSecret(secret, hash(secret));
    }

    @Override
    public TokenHash hash(String presentedSecret) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(presentedSecret.getBytes(StandardCharsets.UTF_8));
            return new TokenHash(Hex.encode(digest));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
