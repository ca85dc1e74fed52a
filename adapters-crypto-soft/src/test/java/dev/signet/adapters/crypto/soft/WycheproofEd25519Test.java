package dev.signet.adapters.crypto.soft;

import static dev.signet.adapters.crypto.soft.Fixtures.hex;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signet.domain.key.Ed25519PublicKey;
import dev.signet.domain.signature.Ed25519Signature;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every Project Wycheproof Ed25519 vector (testvectors_v1/ed25519_test.json), through the verifier's
 * message-level method, the same code the SignatureVerifier port runs. The file has only "valid" and
 * "invalid" results; an "acceptable" one would fail here on purpose, so that someone decides about it.
 * A signature or key that the domain types refuse to hold (wrong length) counts as rejected, which is what
 * the port promises for anything that cannot be decoded.
 */
class WycheproofEd25519Test {
    private static final int EXPECTED_TESTS = 151;
    private final BouncyCastleSignatureVerifier verifier = new BouncyCastleSignatureVerifier();

    record Vector(int tcId, String comment, String flags, String publicKey, String message, String signature,
            String result) {
        String displayName() {
            return "tcId " + tcId + ": " + (comment.isEmpty() ? "(no comment)" : comment) + " " + flags
                    + " -> " + result;
        }
    }

    static List<Vector> load() throws IOException {
        JsonNode root = new ObjectMapper().readTree(SharedTestData.resolve("wycheproof/ed25519_test.json").toFile());
        assertThat(root.path("algorithm").asText()).isEqualTo("EDDSA");
        List<Vector> vectors = new ArrayList<>();
        for (JsonNode group : root.path("testGroups")) {
            assertThat(group.path("publicKey").path("curve").asText()).isEqualTo("edwards25519");
            String publicKey = group.path("publicKey").path("pk").asText();
            for (JsonNode test : group.path("tests")) {
                vectors.add(new Vector(test.path("tcId").asInt(), test.path("comment").asText(),
                        test.path("flags").toString(), publicKey, test.path("msg").asText(),
                        test.path("sig").asText(), test.path("result").asText()));
            }
        }
        return vectors;
    }

    @Test
    void theFileHoldsAll151VectorsItAnnounces() throws IOException {
        JsonNode root = new ObjectMapper().readTree(SharedTestData.resolve("wycheproof/ed25519_test.json").toFile());
        assertThat(root.path("numberOfTests").asInt()).isEqualTo(EXPECTED_TESTS);
        assertThat(load()).hasSize(EXPECTED_TESTS);
    }

    @TestFactory
    Stream<DynamicTest> verifierAcceptsExactlyTheValidVectors() throws IOException {
        return load().stream().map(v -> DynamicTest.dynamicTest(v.displayName(), () -> check(v)));
    }

    private void check(Vector v) {
        assertThat(v.result()).as("result kind").isIn("valid", "invalid");
        boolean accepted = accepts(v);
        assertThat(accepted).as(v.displayName()).isEqualTo("valid".equals(v.result()));
    }

    private boolean accepts(Vector v) {
        Ed25519PublicKey key;
        Ed25519Signature signature;
        try {
            key = new Ed25519PublicKey(hex(v.publicKey()));
            signature = new Ed25519Signature(hex(v.signature()));
        } catch (IllegalArgumentException wrongLength) {
            return false;
        }
        return verifier.verifyMessage(key, hex(v.message()), signature);
    }
}
