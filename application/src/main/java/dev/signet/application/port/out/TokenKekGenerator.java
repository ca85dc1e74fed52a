package dev.signet.application.port.out;

/** Makes key-encryption keys inside the PKCS#11 token (AES-256, sensitive, never extractable). */
public interface TokenKekGenerator {
    /** @throws dev.signet.domain.Conflict when the token already holds an object with this label */
    void generate(String label);
}
