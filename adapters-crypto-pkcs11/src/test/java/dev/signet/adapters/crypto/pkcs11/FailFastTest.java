package dev.signet.adapters.crypto.pkcs11;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * A setup that cannot work fails when the custodian is opened, at once (no retries), with a message that
 * names the cause and never the PIN.
 */
class FailFastTest {
    private static final String SECRET = "pin-that-must-not-leak-7f3a";
    private static final Duration FAST = Duration.ofMillis(1500);

    @Test
    void a_missing_library_file_fails_fast_naming_the_path() {
        Pkcs11Config config = new Pkcs11Config(Path.of("/nonexistent/dir/libpkcs11.so"), "signet-test",
                SECRET.toCharArray(), 2);
        String message = failsFast(() -> Pkcs11KeyCustodian.open(config), Pkcs11Unavailable.class);
        assertThat(message).contains("PKCS#11 library not found").contains("/nonexistent/dir/libpkcs11.so");
    }

    @Test
    void a_wrong_token_label_fails_fast_listing_the_labels_that_exist() {
        TestToken token = TestToken.require();
        Pkcs11Config config = new Pkcs11Config(token.library(), "no-such-token", SECRET.toCharArray(), 2);
        String message = failsFast(() -> Pkcs11KeyCustodian.open(config), Pkcs11Unavailable.class);
        assertThat(message).contains("no PKCS#11 token labelled 'no-such-token'")
                .contains("tokens present: ").contains("'" + token.label() + "'");
    }

    @Test
    void a_wrong_pin_fails_fast_with_ckr_pin_incorrect_and_is_tried_once() {
        TestToken token = TestToken.require();
        Pkcs11Config config = new Pkcs11Config(token.library(), token.label(), SECRET.toCharArray(), 4);
        String message = failsFast(() -> Pkcs11KeyCustodian.open(config), Pkcs11Failure.class);
        assertThat(message).contains("C_Login failed: CKR_PIN_INCORRECT (0xA0)")
                .contains("the PIN for token '" + token.label() + "' is wrong");
        // One wrong try, not one per pooled session: the right PIN still works, so nothing was locked.
        try (Pkcs11KeyCustodian custodian = token.open(1)) {
            assertThat(custodian.tokenLabel()).isEqualTo(token.label());
        }
    }

    @Test
    void without_the_jvm_flags_opening_fails_naming_them() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                WithoutFlags.class.getName()).redirectErrorStream(true).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(output).isEqualTo(3);
        assertThat(output).contains("--add-exports jdk.crypto.cryptoki/sun.security.pkcs11.wrapper=ALL-UNNAMED")
                .doesNotContain(SECRET);
    }

    private static String failsFast(ThrowingCallable open, Class<? extends Throwable> type) {
        long started = System.nanoTime();
        Throwable[] thrown = new Throwable[1];
        assertThatThrownBy(open).isInstanceOf(type).satisfies(e -> thrown[0] = e);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(took).as("failing took " + took).isLessThan(FAST);
        String everything = describeChain(thrown[0]);
        assertThat(everything).doesNotContain(SECRET);
        return thrown[0].getMessage();
    }

    private static String describeChain(Throwable e) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            text.append(t).append('\n');
        }
        return text.toString();
    }

    /** Runs in a JVM started without the flags. */
    public static final class WithoutFlags {
        public static void main(String[] args) {
            try {
                Pkcs11KeyCustodian.open(new Pkcs11Config(Path.of("/usr/lib/softhsm/libsofthsm2.so"), "signet-test",
                        SECRET.toCharArray(), 1));
                System.out.println("unexpectedly opened");
                System.exit(0);
            } catch (Pkcs11Unavailable e) {
                System.out.println(e.getMessage());
                System.exit(3);
            }
        }
    }
}
