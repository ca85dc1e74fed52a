package dev.signet.adapters.crypto.soft;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.domain.key.Ed25519PrivateKey;
import dev.signet.domain.signature.PackageHash;
import dev.signet.domain.signature.SignedMessage;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BouncyCastlePrivateKeySignerTest {
    private final BouncyCastlePrivateKeySigner signer = new BouncyCastlePrivateKeySigner();
    private final BouncyCastleSignatureVerifier verifier = new BouncyCastleSignatureVerifier();

    @Test
    void generatedKeysAreDistinctAndSignVerifiably() {
        Set<String> seen = new HashSet<>();
        SignedMessage message = SignedMessage.forPackage(new PackageHash(new byte[32]));
        for (int i = 0; i < 20; i++) {
            try (Ed25519PrivateKey key = signer.generate()) {
                assertThat(seen.add(HexFormat.of().formatHex(key.seed()))).isTrue();
                assertThat(verifier.verify(signer.publicKeyOf(key), message, signer.sign(key, message))).isTrue();
            }
        }
    }

    @Test
    void generateTakesTheSeedFromTheGivenRandomSource() {
        SecureRandom fixed = new SecureRandom() {
            @Override
            public void nextBytes(byte[] bytes) {
                System.arraycopy(Fixtures.hex(Fixtures.RFC8032_TEST1_SEED), 0, bytes, 0, bytes.length);
            }
        };
        try (Ed25519PrivateKey key = new BouncyCastlePrivateKeySigner(fixed).generate()) {
            assertThat(signer.publicKeyOf(key).hex()).isEqualTo(Fixtures.RFC8032_TEST1_PUBLIC);
        }
    }

    @Test
    void signingIsDeterministicAndLeavesTheCallersKeyUsable() {
        try (Ed25519PrivateKey key = signer.generate()) {
            SignedMessage message = SignedMessage.forPackage(new PackageHash(new byte[32]));
            assertThat(signer.sign(key, message)).isEqualTo(signer.sign(key, message));
            assertThat(key.seed()).hasSize(32).isNotEqualTo(new byte[32]);
        }
    }
}
