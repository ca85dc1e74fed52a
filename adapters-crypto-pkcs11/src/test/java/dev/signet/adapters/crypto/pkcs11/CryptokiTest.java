package dev.signet.adapters.crypto.pkcs11;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The literal layer against SoftHSM2. */
class CryptokiTest {

    @Test
    void c_initialize_answering_already_initialized_counts_as_success(@TempDir Path dir) throws Exception {
        TestToken token = TestToken.require();
        Cryptoki first = Cryptoki.open(token.library().toString());
        // Another path to the same file: the JDK loads it as a new module, the dynamic linker hands back
        // the library already in the process, and its C_Initialize answers CKR_CRYPTOKI_ALREADY_INITIALIZED.
        Path link = Files.createSymbolicLink(dir.resolve("libsofthsm2-again.so"), token.library().toRealPath());
        Cryptoki second = Cryptoki.open(link.toString());

        long slot = new TokenFinder(second, link.toString()).find(token.label());
        assertThat(new TokenFinder(first, token.library().toString()).find(token.label())).isEqualTo(slot);
        long session = second.openSession(slot, Ck.CKF_SERIAL_SESSION);
        try {
            assertThat(first.getSessionInfo(session).slot()).as("both see one library's sessions").isEqualTo(slot);
        } finally {
            second.closeSession(session);
            Files.delete(link); // before JUnit, which would warn about a link leading out of its directory
        }
    }

    @Test
    void the_token_is_found_by_label_wherever_softhsm_put_it() {
        TestToken token = TestToken.require();
        Cryptoki cryptoki = Cryptoki.open(token.library().toString());
        long slot = new TokenFinder(cryptoki, token.library().toString()).find(token.label());
        assertThat(cryptoki.getTokenInfo(slot).label()).isEqualTo(token.label());
        assertThat(cryptoki.describe()).contains("SoftHSM");
    }

    @Test
    void a_closed_session_handle_fails_with_ckr_session_handle_invalid() {
        TestToken token = TestToken.require();
        Cryptoki cryptoki = Cryptoki.open(token.library().toString());
        long slot = new TokenFinder(cryptoki, token.library().toString()).find(token.label());
        long session = cryptoki.openSession(slot, Ck.CKF_SERIAL_SESSION);
        cryptoki.closeSession(session);
        assertThatThrownBy(() -> cryptoki.getSessionInfo(session)).isInstanceOfSatisfying(Pkcs11Failure.class,
                failure -> assertThat(failure.isSessionLost()).isTrue())
                .hasMessage("C_GetSessionInfo failed: CKR_SESSION_HANDLE_INVALID (0xB3)");
    }
}
