package dev.signet.adapters.crypto.pkcs11;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThatNoException;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CryptokiAccessTest {

    @Test
    void the_wrapper_is_accessible_with_the_documented_flags() {
        // Surefire runs this JVM with the flags from the parent pom, as the launcher does.
        assertThatNoException().isThrownBy(Cryptoki::requireWrapperAccess);
    }

    @Test
    void a_missing_library_fails_fast_with_its_path() {
        assertThatThrownBy(() -> Cryptoki.open("/nonexistent/libpkcs11.so")).isInstanceOf(Pkcs11Unavailable.class)
                .hasMessageContaining("/nonexistent/libpkcs11.so");
    }

    @Test
    void without_the_flags_the_error_names_them() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                WithoutFlags.class.getName()).redirectErrorStream(true).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(output).isEqualTo(3);
        assertThat(output).contains("--add-exports jdk.crypto.cryptoki/sun.security.pkcs11.wrapper=ALL-UNNAMED");
    }

    /** Runs in a JVM started without the flags. */
    public static final class WithoutFlags {
        public static void main(String[] args) {
            try {
                Cryptoki.requireWrapperAccess();
                System.out.println("unexpectedly accessible");
                System.exit(0);
            } catch (Pkcs11Unavailable e) {
                System.out.println(e.getMessage());
                System.exit(3);
            }
        }
    }
}
