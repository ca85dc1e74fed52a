package dev.signet.adapters.crypto.pkcs11;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CkrNamesTest {

    @Test
    void a_ckr_code_maps_to_its_name() {
        assertThat(CkrNames.name(0xB3)).isEqualTo("CKR_SESSION_HANDLE_INVALID");
        assertThat(CkrNames.name(0xA0)).isEqualTo("CKR_PIN_INCORRECT");
        assertThat(CkrNames.name(0x11)).isEqualTo("CKR_ATTRIBUTE_SENSITIVE");
        assertThat(CkrNames.name(0x191)).isEqualTo("CKR_CRYPTOKI_ALREADY_INITIALIZED");
        assertThat(CkrNames.name(0x202)).isEqualTo("CKR_OPERATION_CANCEL_FAILED");
        assertThat(CkrNames.describe(0xB3)).isEqualTo("CKR_SESSION_HANDLE_INVALID (0xB3)");
    }

    @Test
    void the_table_names_every_standard_code_up_to_v3_2() {
        // 97 codes through v3.0 (CKR_OK included), CKR_KEY_EXHAUSTED from v3.1, six more from v3.2.
        assertThat(CkrNames.size()).isEqualTo(104);
    }

    @Test
    void a_vendor_code_is_named_relative_to_ckr_vendor_defined_and_an_undefined_one_says_so() {
        assertThat(CkrNames.name(0x80000000L)).isEqualTo("CKR_VENDOR_DEFINED");
        assertThat(CkrNames.name(0x80000001L)).isEqualTo("CKR_VENDOR_DEFINED+0x1");
        assertThat(CkrNames.describe(0x4)).isEqualTo("unknown CK_RV (0x4)");
    }

    @Test
    void a_failure_names_the_function_the_code_and_its_number() {
        Pkcs11Failure failure = new Pkcs11Failure("C_Sign", 0xB3);
        assertThat(failure).hasMessage("C_Sign failed: CKR_SESSION_HANDLE_INVALID (0xB3)");
        assertThat(failure.code()).isEqualTo(0xB3);
        assertThat(failure.codeName()).isEqualTo("CKR_SESSION_HANDLE_INVALID");
        assertThat(failure.errorName()).isEqualTo("Pkcs11Failure");
        assertThat(failure.withContext("signing with key 01")).hasMessage(
                "C_Sign failed: CKR_SESSION_HANDLE_INVALID (0xB3): signing with key 01");
    }

    @Test
    void only_a_lost_session_login_or_token_is_recoverable() {
        for (long code : new long[] {0xB0, 0xB3, 0x101, 0xE0, 0x32, 0x03}) {
            assertThat(new Pkcs11Failure("C_Sign", code).isRecoverable()).as(CkrNames.describe(code)).isTrue();
        }
        for (long code : new long[] {0xA0, 0xA4, 0x11, 0x60, 0x82, 0x30, 0x05, 0x06, 0x70}) {
            assertThat(new Pkcs11Failure("C_Sign", code).isRecoverable()).as(CkrNames.describe(code)).isFalse();
        }
    }
}
