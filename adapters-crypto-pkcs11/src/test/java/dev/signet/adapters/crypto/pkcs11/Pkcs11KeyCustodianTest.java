package dev.signet.adapters.crypto.pkcs11;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signet.application.port.out.HsmKeyCustodian.HsmKey;
import dev.signet.domain.Conflict;
import dev.signet.domain.Hex;
import dev.signet.domain.NotFound;
import dev.signet.domain.key.KeyCustody;
import dev.signet.domain.key.KeyId;
import dev.signet.domain.signature.Ed25519Signature;
import dev.signet.domain.signature.SignedMessage;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Against the SoftHSM2 token of the test run (see {@link TestToken}). */
class Pkcs11KeyCustodianTest {
    private static TestToken token;
    private static Pkcs11KeyCustodian custodian;

    @BeforeAll
    static void openToken() {
        token = TestToken.require();
        custodian = token.open(2);
    }

    @AfterAll
    static void closeToken() {
        if (custodian != null) {
            custodian.close();
        }
    }

    @Test
    void a_key_generated_in_the_token_signs_and_the_signature_verifies_in_software() {
        HsmKey key = custodian.generate(KeyId.random());
        SignedMessage message = TestToken.randomMessage();

        Ed25519Signature signature = custodian.sign(key.custody(), message);

        assertThat(signature.bytes()).hasSize(64);
        assertThat(TestToken.verifies(key.publicKey().bytes(), message, signature.bytes())).isTrue();
        assertThat(TestToken.verifies(key.publicKey().bytes(), TestToken.randomMessage(), signature.bytes()))
                .as("the signature covers this message only").isFalse();
    }

    @Test
    void the_public_key_returned_is_what_the_tokens_cka_ec_point_holds() {
        HsmKey key = custodian.generate(KeyId.random());
        byte[] ecPoint = custodian.inSession(session -> {
            long publicKey = keys().find(session, List.of(Attribute.of(Ck.CKA_CLASS, Ck.CKO_PUBLIC_KEY),
                    Attribute.of(Ck.CKA_ID, key.custody().objectId()))).get(0);
            return keys().bytes(session, publicKey, Ck.CKA_EC_POINT);
        });
        // SoftHSM 2.6.1 returns the DER OCTET STRING form: 04 20 || 32 bytes.
        assertThat(Hex.encode(ecPoint)).isEqualTo("0420" + key.publicKey().hex());
    }

    @Test
    void the_key_is_recorded_by_token_label_and_the_key_ids_uuid_bytes_and_labelled_after_the_key() {
        KeyId keyId = KeyId.random();
        HsmKey key = custodian.generate(keyId);

        byte[] uuidBytes = ByteBuffer.allocate(16).putLong(keyId.value().getMostSignificantBits())
                .putLong(keyId.value().getLeastSignificantBits()).array();
        assertThat(key.custody()).isEqualTo(new KeyCustody.Hsm(token.label(), uuidBytes));
        byte[] label = custodian.inSession(session -> keys().bytes(session, privateKey(session, key), Ck.CKA_LABEL));
        assertThat(new String(label, StandardCharsets.UTF_8)).isEqualTo("signet-" + keyId);
        assertThat(custodian.findByLabel("signet-" + keyId)).contains(key);
    }

    @Test
    void reading_the_private_keys_value_fails_with_ckr_attribute_sensitive() {
        HsmKey key = custodian.generate(KeyId.random());

        assertThatThrownBy(() -> custodian.inSession(session ->
                keys().bytes(session, privateKey(session, key), Ck.CKA_VALUE)))
                .isInstanceOfSatisfying(Pkcs11Failure.class, failure -> {
                    assertThat(failure.code()).isEqualTo(0x11);
                    assertThat(failure).hasMessage("C_GetAttributeValue failed: CKR_ATTRIBUTE_SENSITIVE (0x11)");
                });
    }

    @Test
    void the_private_key_is_a_sensitive_token_object_that_can_only_sign_and_was_never_extractable() {
        HsmKey key = custodian.generate(KeyId.random());

        Map<Long, Object> attributes = custodian.inSession(session -> custodian.cryptoki()
                .getAttributeValue(session, privateKey(session, key), Ck.CKA_EXTRACTABLE, Ck.CKA_NEVER_EXTRACTABLE,
                        Ck.CKA_SENSITIVE, Ck.CKA_ALWAYS_SENSITIVE, Ck.CKA_TOKEN, Ck.CKA_PRIVATE, Ck.CKA_SIGN,
                        Ck.CKA_DECRYPT, Ck.CKA_DERIVE, Ck.CKA_UNWRAP, Ck.CKA_KEY_TYPE)
                .stream().collect(Collectors.toMap(Attribute::type, Attribute::value)));

        assertThat(attributes.get(Ck.CKA_EXTRACTABLE)).as("CKA_EXTRACTABLE").isEqualTo(false);
        assertThat(attributes.get(Ck.CKA_NEVER_EXTRACTABLE)).as("CKA_NEVER_EXTRACTABLE").isEqualTo(true);
        assertThat(attributes.get(Ck.CKA_SENSITIVE)).as("CKA_SENSITIVE").isEqualTo(true);
        assertThat(attributes.get(Ck.CKA_ALWAYS_SENSITIVE)).as("CKA_ALWAYS_SENSITIVE").isEqualTo(true);
        assertThat(attributes.get(Ck.CKA_TOKEN)).as("CKA_TOKEN").isEqualTo(true);
        assertThat(attributes.get(Ck.CKA_PRIVATE)).as("CKA_PRIVATE").isEqualTo(true);
        assertThat(attributes.get(Ck.CKA_SIGN)).as("CKA_SIGN").isEqualTo(true);
        assertThat(attributes.get(Ck.CKA_DECRYPT)).as("CKA_DECRYPT").isEqualTo(false);
        assertThat(attributes.get(Ck.CKA_DERIVE)).as("CKA_DERIVE").isEqualTo(false);
        assertThat(attributes.get(Ck.CKA_UNWRAP)).as("CKA_UNWRAP").isEqualTo(false);
        assertThat(attributes.get(Ck.CKA_KEY_TYPE)).as("CKA_KEY_TYPE").isEqualTo(Ck.CKK_EC_EDWARDS);
    }

    @Test
    void the_keys_are_token_objects_that_outlive_the_sessions_that_made_them() {
        HsmKey key = custodian.generate(KeyId.random());
        SignedMessage message = TestToken.randomMessage();
        try (Pkcs11KeyCustodian another = token.open(1)) {
            Ed25519Signature signature = another.sign(key.custody(), message);
            assertThat(TestToken.verifies(key.publicKey().bytes(), message, signature.bytes())).isTrue();
        }
    }

    @Test
    void a_key_made_by_pkcs11_tool_is_found_by_its_label_and_signs() throws Exception {
        String label = "imported-" + System.nanoTime();
        Process process = new ProcessBuilder("pkcs11-tool", "--module", token.library().toString(), "--login",
                "--pin", token.pin(), "--token-label", token.label(), "--keypairgen", "--key-type", "EC:edwards25519",
                "--label", label, "--id", "0102")
                .redirectErrorStream(true).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(output).isZero();

        Optional<HsmKey> found = custodian.findByLabel(label);

        assertThat(found).isPresent();
        HsmKey key = found.get();
        try {
            signsAndIsAsPkcs11ToolMadeIt(key, label, output);
        } finally {
            custodian.destroyPrivateKey(key.custody());
        }
    }

    private static void signsAndIsAsPkcs11ToolMadeIt(HsmKey key, String label, String output) {
        assertThat(key.custody()).isEqualTo(new KeyCustody.Hsm(token.label(), new byte[] {0x01, 0x02}));
        // pkcs11-tool prints the public point it read back; it is the key Signet found.
        assertThat(output.toLowerCase(java.util.Locale.ROOT)).contains(key.publicKey().hex());
        SignedMessage message = TestToken.randomMessage();
        Ed25519Signature signature = custodian.sign(key.custody(), message);
        assertThat(TestToken.verifies(key.publicKey().bytes(), message, signature.bytes())).isTrue();
        // What pkcs11-tool writes as CKA_EC_PARAMS: the curve name, not the OID.
        byte[] params = custodian.inSession(session -> keys().bytes(session, keys().find(session,
                List.of(Attribute.of(Ck.CKA_CLASS, Ck.CKO_PUBLIC_KEY),
                        Attribute.of(Ck.CKA_LABEL, label.getBytes(StandardCharsets.UTF_8)))).get(0), Ck.CKA_EC_PARAMS));
        assertThat(params).isEqualTo(EdwardsEncoding.EDWARDS25519_NAME);
    }

    @Test
    void a_label_nothing_carries_finds_nothing() {
        assertThat(custodian.findByLabel("no-such-key-" + System.nanoTime())).isEmpty();
    }

    @Test
    void a_second_key_with_the_same_key_id_is_refused() {
        KeyId keyId = KeyId.random();
        custodian.generate(keyId);
        assertThatThrownBy(() -> custodian.generate(keyId)).isInstanceOf(Conflict.class)
                .hasMessageContaining(keyId.toString());
    }

    @Test
    void after_destroy_private_key_signing_fails_with_a_clear_error() {
        HsmKey key = custodian.generate(KeyId.random());
        custodian.sign(key.custody(), TestToken.randomMessage());

        custodian.destroyPrivateKey(key.custody());

        assertThatThrownBy(() -> custodian.sign(key.custody(), TestToken.randomMessage()))
                .isInstanceOf(NotFound.class)
                .hasMessageContaining("has no private key with CKA_ID " + Hex.encode(key.custody().objectId()))
                .hasMessageContaining("destroyed");
        assertThatNoException().as("destroying again is harmless, so a revocation can be re-run")
                .isThrownBy(() -> custodian.destroyPrivateKey(key.custody()));
        long publicKeys = custodian.inSession(session -> (long) keys().find(session, List.of(
                Attribute.of(Ck.CKA_CLASS, Ck.CKO_PUBLIC_KEY), Attribute.of(Ck.CKA_ID, key.custody().objectId()))).size());
        assertThat(publicKeys).as("the public key object stays").isEqualTo(1);
    }

    @Test
    void a_key_destroyed_by_another_custodian_is_not_signed_with_through_the_handle_this_one_remembers() {
        HsmKey key = custodian.generate(KeyId.random());
        custodian.sign(key.custody(), TestToken.randomMessage()); // remembers the key's handle

        try (Pkcs11KeyCustodian other = token.open(1)) {
            other.destroyPrivateKey(key.custody());
        }

        assertThatThrownBy(() -> custodian.sign(key.custody(), TestToken.randomMessage()))
                .isInstanceOf(NotFound.class)
                .hasMessageContaining("has no private key with CKA_ID " + Hex.encode(key.custody().objectId()));
    }

    @Test
    void a_remembered_handle_signs_with_its_own_key_and_no_other() {
        HsmKey first = custodian.generate(KeyId.random());
        HsmKey second = custodian.generate(KeyId.random());
        for (int round = 0; round < 3; round++) {
            SignedMessage message = TestToken.randomMessage();
            assertThat(TestToken.verifies(first.publicKey().bytes(), message,
                    custodian.sign(first.custody(), message).bytes())).isTrue();
            assertThat(TestToken.verifies(second.publicKey().bytes(), message,
                    custodian.sign(second.custody(), message).bytes())).isTrue();
        }
    }

    @Test
    void a_key_held_by_another_token_is_refused_by_name() {
        KeyCustody.Hsm elsewhere = new KeyCustody.Hsm("other-token", new byte[] {1});
        assertThatThrownBy(() -> custodian.sign(elsewhere, TestToken.randomMessage()))
                .isInstanceOf(Pkcs11Unavailable.class).hasMessageContaining("'other-token'")
                .hasMessageContaining("'" + token.label() + "'");
    }

    private static KeyObjects keys() {
        return new KeyObjects(custodian.cryptoki());
    }

    private static long privateKey(long session, HsmKey key) {
        return keys().privateKey(session, key.custody().objectId()).orElseThrow();
    }

}
