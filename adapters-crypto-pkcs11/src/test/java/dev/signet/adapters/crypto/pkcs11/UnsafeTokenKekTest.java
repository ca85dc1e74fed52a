package dev.signet.adapters.crypto.pkcs11;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signet.domain.SignetException;
import dev.signet.domain.key.KeyId;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A KEK is found in the token by label alone, so whatever object carries that label is checked before it
 * seals or opens anything: a secret key (CKO_SECRET_KEY) of type CKK_AES, CKA_SENSITIVE and not
 * CKA_EXTRACTABLE. Anything else is refused, naming the label and what is wrong. The bad objects are made
 * through the wrapper in the run's SoftHSM2 token, as token objects another tool could have left there.
 */
class UnsafeTokenKekTest {
    private static final long CKM_GENERIC_SECRET_KEY_GEN = 0x350;
    private static final long CKM_DES3_KEY_GEN = 0x131;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final byte[] AAD = "aad".getBytes(StandardCharsets.US_ASCII);

    private static Pkcs11KeyCustodian custodian;
    private static TokenKeyEncryptionKeys keks;
    private static final List<String> made = new ArrayList<>();

    @BeforeAll
    static void openToken() {
        custodian = TestToken.require().open(2);
        keks = new TokenKeyEncryptionKeys(custodian);
    }

    @AfterAll
    static void closeToken() {
        if (custodian != null) {
            for (String label : made) {
                custodian.inSession(session -> {
                    KeyObjects objects = new KeyObjects(custodian.cryptoki());
                    for (long handle : objects.find(session, List.of(Attribute.of(Ck.CKA_LABEL, bytes(label))))) {
                        custodian.cryptoki().destroyObject(session, handle);
                    }
                    return null;
                });
            }
            custodian.close();
        }
    }

    @Test
    void an_extractable_aes_key_under_the_kek_label_is_refused() {
        String label = secretKey(Ck.CKM_AES_KEY_GEN, 32, true, true);
        assertRefused(label, message -> assertThat(message).contains("CKA_EXTRACTABLE is true"));
    }

    @Test
    void a_non_sensitive_aes_key_under_the_kek_label_is_refused() {
        String label = secretKey(Ck.CKM_AES_KEY_GEN, 32, false, false);
        assertRefused(label, message -> assertThat(message).contains("CKA_SENSITIVE is false")
                .doesNotContain("CKA_EXTRACTABLE is true"));
    }

    @Test
    void a_generic_secret_under_the_kek_label_is_refused_as_not_aes() {
        String label = secretKey(CKM_GENERIC_SECRET_KEY_GEN, 32, true, false);
        assertRefused(label, message -> assertThat(message).contains("CKA_KEY_TYPE is CKK_GENERIC_SECRET (0x10)"));
    }

    @Test
    void a_des3_key_under_the_kek_label_is_refused_as_not_aes() {
        String label = secretKey(CKM_DES3_KEY_GEN, 0, true, false);
        assertRefused(label, message -> assertThat(message).contains("CKA_KEY_TYPE is CKK_DES3 (0x15)"));
    }

    @Test
    void a_signing_key_pair_under_the_kek_label_is_refused_as_no_secret_key() {
        KeyId keyId = KeyId.random();
        custodian.generate(keyId);
        String label = KeyPairGeneration.label(keyId);
        made.add(label);
        assertRefused(label, message -> assertThat(message).contains("no secret key (CKO_SECRET_KEY) carries it")
                .contains("CKO_PRIVATE_KEY").contains("CKO_PUBLIC_KEY"));
    }

    @Test
    void a_kek_signet_generated_is_accepted() {
        String label = newLabel();
        keks.generate(label);
        made.add(label);
        byte[] nonce = random(12);
        byte[] plaintext = random(32);
        assertThat(keks.open(label, nonce, AAD, keks.seal(label, nonce, AAD, plaintext))).isEqualTo(plaintext);
    }

    private static void assertRefused(String label, Consumer<String> what) {
        for (var attempt : List.<org.assertj.core.api.ThrowableAssert.ThrowingCallable>of(
                () -> keks.seal(label, random(12), AAD, random(32)),
                () -> keks.open(label, random(12), AAD, random(48)))) {
            assertThatThrownBy(attempt).isInstanceOfSatisfying(UnsafeKeyEncryptionKey.class, e -> {
                assertThat(e).isInstanceOf(SignetException.class);
                assertThat(e.getMessage()).contains("key-encryption key '" + label + "'").doesNotContain("\n")
                        .doesNotContain(TestToken.require().pin());
                what.accept(e.getMessage());
            });
        }
        // refused, not retried and not counted against the token
        assertThat(custodian.resilience().circuitState().name()).isEqualTo("CLOSED");
    }

    /** A token object under a fresh label, as another tool could have made it. */
    private static String secretKey(long mechanism, long length, boolean sensitive, boolean extractable) {
        String label = newLabel();
        List<Attribute> template = new ArrayList<>(List.of(
                Attribute.of(Ck.CKA_CLASS, Ck.CKO_SECRET_KEY),
                Attribute.of(Ck.CKA_TOKEN, true),
                Attribute.of(Ck.CKA_PRIVATE, true),
                Attribute.of(Ck.CKA_SENSITIVE, sensitive),
                Attribute.of(Ck.CKA_EXTRACTABLE, extractable),
                Attribute.of(Ck.CKA_ENCRYPT, true),
                Attribute.of(Ck.CKA_DECRYPT, true),
                Attribute.of(Ck.CKA_LABEL, bytes(label))));
        if (length > 0) {
            template.add(Attribute.of(Ck.CKA_VALUE_LEN, length));
        }
        custodian.inSession(session -> custodian.cryptoki().generateKey(session, mechanism, template));
        made.add(label);
        return label;
    }

    private static String newLabel() {
        return "signet-bad-kek-" + UUID.randomUUID();
    }

    private static byte[] bytes(String label) {
        return label.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] random(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
