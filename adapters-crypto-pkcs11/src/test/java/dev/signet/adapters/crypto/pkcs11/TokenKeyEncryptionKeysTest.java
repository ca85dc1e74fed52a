package dev.signet.adapters.crypto.pkcs11;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signet.domain.Conflict;
import dev.signet.domain.NotFound;
import dev.signet.domain.SignetException;
import dev.signet.domain.key.KeyId;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The key-encryption key kept in the SoftHSM2 token of the test run (see {@link TestToken}). */
class TokenKeyEncryptionKeysTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final byte[] AAD = "signet-private-key-v1|org|key".getBytes(StandardCharsets.US_ASCII);

    private static TestToken token;
    private static Pkcs11KeyCustodian custodian;
    private static TokenKeyEncryptionKeys keks;
    private static String kek;

    @BeforeAll
    static void openToken() {
        token = TestToken.require();
        custodian = token.open(2);
        keks = new TokenKeyEncryptionKeys(custodian);
        kek = newLabel();
        keks.generate(kek);
    }

    @AfterAll
    static void closeToken() {
        if (custodian != null) {
            custodian.close();
        }
    }

    @Test
    void a_generated_kek_exists_and_what_it_seals_it_opens() {
        String label = newLabel();
        assertThat(keks.exists(label)).isFalse();

        keks.generate(label);

        assertThat(keks.exists(label)).isTrue();
        byte[] seed = random(32);
        byte[] nonce = random(12);
        byte[] sealed = keks.seal(label, nonce, AAD, seed);
        assertThat(keks.open(label, nonce, AAD, sealed)).isEqualTo(seed);
    }

    @Test
    void the_output_is_ciphertext_and_a_16_byte_tag_whatever_the_plaintexts_length() {
        for (int length : new int[] {0, 1, 15, 16, 17, 32, 1000}) {
            byte[] plaintext = random(length);
            byte[] nonce = random(12);
            byte[] sealed = keks.seal(kek, nonce, AAD, plaintext);
            assertThat(sealed).as("%d bytes sealed", length).hasSize(length + 16);
            assertThat(keks.open(kek, nonce, AAD, sealed)).isEqualTo(plaintext);
        }
    }

    @Test
    void the_same_plaintext_under_two_nonces_seals_differently_and_under_one_nonce_identically() {
        byte[] plaintext = random(32);
        byte[] first = keks.seal(kek, random(12), AAD, plaintext);
        byte[] second = keks.seal(kek, random(12), AAD, plaintext);
        assertThat(first).isNotEqualTo(second);
        assertThat(Arrays.copyOf(first, 32)).isNotEqualTo(plaintext);

        // Why a seal retried after a lost session is harmless: the same call gives the same output.
        byte[] nonce = random(12);
        assertThat(keks.seal(kek, nonce, AAD, plaintext)).isEqualTo(keks.seal(kek, nonce, AAD, plaintext));
    }

    @Test
    void a_flipped_ciphertext_or_tag_byte_is_not_authentic() {
        byte[] nonce = random(12);
        byte[] sealed = keks.seal(kek, nonce, AAD, random(32));
        for (int index : new int[] {0, 31, 32, 47}) {
            byte[] altered = sealed.clone();
            altered[index] ^= 0x01;
            assertNotAuthentic(() -> keks.open(kek, nonce, AAD, altered));
        }
    }

    @Test
    void other_additional_data_is_not_authentic() {
        byte[] nonce = random(12);
        byte[] sealed = keks.seal(kek, nonce, AAD, random(32));
        byte[] otherAad = AAD.clone();
        otherAad[otherAad.length - 1] ^= 0x01;
        assertNotAuthentic(() -> keks.open(kek, nonce, otherAad, sealed));
        assertNotAuthentic(() -> keks.open(kek, nonce, new byte[0], sealed));
    }

    @Test
    void another_nonce_is_not_authentic() {
        byte[] nonce = random(12);
        byte[] sealed = keks.seal(kek, nonce, AAD, random(32));
        byte[] otherNonce = nonce.clone();
        otherNonce[0] ^= 0x01;
        assertNotAuthentic(() -> keks.open(kek, otherNonce, AAD, sealed));
    }

    @Test
    void what_another_kek_sealed_is_not_authentic() {
        String other = newLabel();
        keks.generate(other);
        byte[] nonce = random(12);
        byte[] sealed = keks.seal(other, nonce, AAD, random(32));
        assertNotAuthentic(() -> keks.open(kek, nonce, AAD, sealed));
    }

    @Test
    void input_too_short_to_hold_a_tag_is_not_authentic_and_the_nonce_must_be_12_bytes() {
        assertNotAuthentic(() -> keks.open(kek, random(12), AAD, random(15)));
        assertNotAuthentic(() -> keks.open(kek, random(12), AAD, random(16)));
        assertThatThrownBy(() -> keks.seal(kek, random(16), AAD, random(32)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nonce must be 12 bytes");
        assertThatThrownBy(() -> keks.open(kek, random(8), AAD, random(48)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nonce must be 12 bytes");
    }

    @Test
    void forged_input_is_neither_retried_nor_counted_against_the_token() {
        byte[] nonce = random(12);
        byte[] sealed = keks.seal(kek, nonce, AAD, random(32));
        sealed[0] ^= 0x01;
        long retriedBefore = custodian.resilience().retryMetrics().getNumberOfFailedCallsWithRetryAttempt();
        for (int i = 0; i < 20; i++) {
            assertNotAuthentic(() -> keks.open(kek, nonce, AAD, sealed));
        }
        // SoftHSM reports a wrong tag as CKR_GENERAL_ERROR, which on its own would count as a token fault.
        assertThat(custodian.resilience().circuitState()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(custodian.resilience().retryMetrics().getNumberOfFailedCallsWithRetryAttempt())
                .isEqualTo(retriedBefore);
        byte[] plaintext = random(32);
        byte[] nonce2 = random(12);
        assertThat(keks.open(kek, nonce2, AAD, keks.seal(kek, nonce2, AAD, plaintext))).isEqualTo(plaintext);
    }

    @Test
    void the_kek_is_a_sensitive_never_extractable_aes_256_token_object_that_only_encrypts_and_decrypts() {
        Map<Long, Object> attributes = custodian.inSession(session -> custodian.cryptoki()
                .getAttributeValue(session, kekHandle(session, kek), Ck.CKA_CLASS, Ck.CKA_KEY_TYPE, Ck.CKA_VALUE_LEN,
                        Ck.CKA_TOKEN, Ck.CKA_PRIVATE, Ck.CKA_SENSITIVE, Ck.CKA_ALWAYS_SENSITIVE, Ck.CKA_EXTRACTABLE,
                        Ck.CKA_NEVER_EXTRACTABLE, Ck.CKA_ENCRYPT, Ck.CKA_DECRYPT, Ck.CKA_WRAP, Ck.CKA_UNWRAP,
                        Ck.CKA_SIGN, Ck.CKA_VERIFY, Ck.CKA_DERIVE, Ck.CKA_LABEL)
                .stream().collect(Collectors.toMap(Attribute::type, Attribute::value)));

        assertThat(attributes.get(Ck.CKA_CLASS)).as("CKA_CLASS").isEqualTo(Ck.CKO_SECRET_KEY);
        assertThat(attributes.get(Ck.CKA_KEY_TYPE)).as("CKA_KEY_TYPE").isEqualTo(Ck.CKK_AES);
        assertThat(attributes.get(Ck.CKA_VALUE_LEN)).as("CKA_VALUE_LEN").isEqualTo(32L);
        assertThat(attributes.get(Ck.CKA_TOKEN)).as("CKA_TOKEN").isEqualTo(true);
        assertThat(attributes.get(Ck.CKA_PRIVATE)).as("CKA_PRIVATE").isEqualTo(true);
        assertThat(attributes.get(Ck.CKA_SENSITIVE)).as("CKA_SENSITIVE").isEqualTo(true);
        assertThat(attributes.get(Ck.CKA_ALWAYS_SENSITIVE)).as("CKA_ALWAYS_SENSITIVE").isEqualTo(true);
        assertThat(attributes.get(Ck.CKA_EXTRACTABLE)).as("CKA_EXTRACTABLE").isEqualTo(false);
        assertThat(attributes.get(Ck.CKA_NEVER_EXTRACTABLE)).as("CKA_NEVER_EXTRACTABLE").isEqualTo(true);
        assertThat(attributes.get(Ck.CKA_ENCRYPT)).as("CKA_ENCRYPT").isEqualTo(true);
        assertThat(attributes.get(Ck.CKA_DECRYPT)).as("CKA_DECRYPT").isEqualTo(true);
        assertThat(attributes.get(Ck.CKA_WRAP)).as("CKA_WRAP").isEqualTo(false);
        assertThat(attributes.get(Ck.CKA_UNWRAP)).as("CKA_UNWRAP").isEqualTo(false);
        assertThat(attributes.get(Ck.CKA_SIGN)).as("CKA_SIGN").isEqualTo(false);
        assertThat(attributes.get(Ck.CKA_VERIFY)).as("CKA_VERIFY").isEqualTo(false);
        assertThat(attributes.get(Ck.CKA_DERIVE)).as("CKA_DERIVE").isEqualTo(false);
        assertThat(new String((byte[]) attributes.get(Ck.CKA_LABEL), StandardCharsets.UTF_8)).isEqualTo(kek);
    }

    @Test
    void reading_the_keks_value_fails_with_ckr_attribute_sensitive() {
        assertThatThrownBy(() -> custodian.inSession(session ->
                custodian.cryptoki().getAttributeValue(session, kekHandle(session, kek), Ck.CKA_VALUE)))
                .isInstanceOfSatisfying(Pkcs11Failure.class, failure -> {
                    assertThat(failure.code()).isEqualTo(Pkcs11Failure.CKR_ATTRIBUTE_SENSITIVE);
                    assertThat(failure).hasMessage("C_GetAttributeValue failed: CKR_ATTRIBUTE_SENSITIVE (0x11)");
                });
    }

    @Test
    void a_label_already_in_the_token_is_refused_for_a_new_kek() {
        assertThatThrownBy(() -> keks.generate(kek)).isInstanceOf(Conflict.class)
                .hasMessageContaining("already holds an object labelled '" + kek + "'");

        KeyId signingKey = KeyId.random();
        custodian.generate(signingKey);
        String taken = KeyPairGeneration.label(signingKey);
        assertThatThrownBy(() -> keks.generate(taken)).as("an Ed25519 key's label").isInstanceOf(Conflict.class);
        assertThat(keks.exists(taken)).as("an Ed25519 key is no KEK").isFalse();
    }

    @Test
    void a_label_no_kek_carries_is_not_found() {
        String missing = newLabel();
        assertThatThrownBy(() -> keks.seal(missing, random(12), AAD, random(32))).isInstanceOf(NotFound.class)
                .hasMessageContaining("holds no key-encryption key labelled '" + missing + "'");
        assertThatThrownBy(() -> keks.open(missing, random(12), AAD, random(48))).isInstanceOf(NotFound.class);
    }

    @Test
    void the_kek_outlives_the_sessions_that_made_it() {
        byte[] plaintext = random(32);
        byte[] nonce = random(12);
        byte[] sealed = keks.seal(kek, nonce, AAD, plaintext);
        try (Pkcs11KeyCustodian another = token.open(1)) {
            assertThat(new TokenKeyEncryptionKeys(another).open(kek, nonce, AAD, sealed)).isEqualTo(plaintext);
        }
    }

    /**
     * The KEK cannot be read, so the layout is checked with a throwaway AES key that can: the token's
     * output for a key, nonce and AAD is exactly javax.crypto's AES/GCM/NoPadding output, and the other
     * way round. This is what makes "ciphertext || tag" and the use of the caller's nonce facts, not hopes.
     */
    @Test
    void the_tokens_aes_gcm_is_javax_cryptos_byte_for_byte_checked_with_a_readable_throwaway_key() {
        Cryptoki cryptoki = custodian.cryptoki();
        AesGcmInToken gcm = new AesGcmInToken(cryptoki);
        byte[] plaintext = random(32);
        byte[] nonce = random(12);
        custodian.inSession(session -> {
            long key = cryptoki.generateKey(session, Ck.CKM_AES_KEY_GEN, List.of(
                    Attribute.of(Ck.CKA_VALUE_LEN, 32L), Attribute.of(Ck.CKA_TOKEN, false),
                    Attribute.of(Ck.CKA_SENSITIVE, false), Attribute.of(Ck.CKA_EXTRACTABLE, true),
                    Attribute.of(Ck.CKA_ENCRYPT, true), Attribute.of(Ck.CKA_DECRYPT, true)));
            try {
                byte[] value = new KeyObjects(cryptoki).bytes(session, key, Ck.CKA_VALUE);
                byte[] software = javaxGcm(javax.crypto.Cipher.ENCRYPT_MODE, value, nonce, plaintext);
                assertThat(gcm.seal(session, key, nonce, AAD, plaintext)).isEqualTo(software);
                assertThat(gcm.open(session, key, nonce, AAD, software, "software output")).isEqualTo(plaintext);
            } finally {
                cryptoki.destroyObject(session, key);
            }
            return null;
        });
    }

    @Test
    void a_decryption_error_the_token_cannot_show_to_be_about_the_input_stays_a_token_failure() {
        // A key that may decrypt but not encrypt: the token cannot run the probe that would show its GCM
        // works, so SoftHSM's CKR_GENERAL_ERROR is not blamed on the input.
        Cryptoki cryptoki = custodian.cryptoki();
        AesGcmInToken gcm = new AesGcmInToken(cryptoki);
        assertThatThrownBy(() -> custodian.inSession(session -> {
            long key = cryptoki.generateKey(session, Ck.CKM_AES_KEY_GEN, List.of(
                    Attribute.of(Ck.CKA_VALUE_LEN, 32L), Attribute.of(Ck.CKA_TOKEN, false),
                    Attribute.of(Ck.CKA_ENCRYPT, false), Attribute.of(Ck.CKA_DECRYPT, true)));
            try {
                return gcm.open(session, key, random(12), AAD, random(48), "random bytes");
            } finally {
                cryptoki.destroyObject(session, key);
            }
        })).isInstanceOfSatisfying(Pkcs11Failure.class, failure -> {
            assertThat(failure).hasMessage("C_Decrypt failed: CKR_GENERAL_ERROR (0x5)");
            assertThat(failure.getSuppressed()).singleElement().asString().contains("C_EncryptInit failed");
        });
    }

    @Test
    void eight_threads_sealing_and_opening_through_two_sessions_all_succeed() throws Exception {
        int threads = 8;
        int roundTripsEach = 25;
        ExecutorService executor = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                results.add(executor.submit(() -> {
                    start.await();
                    int opened = 0;
                    for (int i = 0; i < roundTripsEach; i++) {
                        byte[] plaintext = random(32);
                        byte[] nonce = random(12);
                        if (Arrays.equals(keks.open(kek, nonce, AAD, keks.seal(kek, nonce, AAD, plaintext)),
                                plaintext)) {
                            opened++;
                        }
                    }
                    return opened;
                }));
            }
            start.countDown();
            int opened = 0;
            for (Future<Integer> result : results) {
                opened += result.get(120, TimeUnit.SECONDS);
            }
            assertThat(opened).isEqualTo(threads * roundTripsEach);
            assertThat(custodian.pool().openSessionHandles()).hasSize(2);
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void not_authentic_is_a_signet_error_of_its_own_name() {
        byte[] nonce = random(12);
        byte[] sealed = keks.seal(kek, nonce, AAD, random(32));
        assertThatThrownBy(() -> keks.open(kek, nonce, AAD, Arrays.copyOf(sealed, sealed.length - 1)))
                .isInstanceOfSatisfying(TokenDecryptionFailed.class, e -> {
                    assertThat(e).isInstanceOf(SignetException.class);
                    assertThat(e.errorName()).isEqualTo("TokenDecryptionFailed");
                    assertThat(e).hasMessageContaining("data sealed under key-encryption key '" + kek + "' in token '"
                            + token.label() + "' is not authentic");
                });
    }

    private static void assertNotAuthentic(org.assertj.core.api.ThrowableAssert.ThrowingCallable open) {
        assertThatThrownBy(open).isInstanceOf(TokenDecryptionFailed.class).hasMessageContaining("is not authentic");
    }

    private static long kekHandle(long session, String label) {
        return new KeyObjects(custodian.cryptoki()).find(session, List.of(Attribute.of(Ck.CKA_CLASS, Ck.CKO_SECRET_KEY),
                Attribute.of(Ck.CKA_LABEL, label.getBytes(StandardCharsets.UTF_8)))).get(0);
    }

    private static byte[] javaxGcm(int mode, byte[] key, byte[] nonce, byte[] input) {
        try {
            javax.crypto.Cipher cipher = javax.crypto.Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, new javax.crypto.spec.SecretKeySpec(key, "AES"),
                    new javax.crypto.spec.GCMParameterSpec(128, nonce));
            cipher.updateAAD(AAD);
            return cipher.doFinal(input);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String newLabel() {
        return "signet-kek-test-" + UUID.randomUUID();
    }

    private static byte[] random(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
