package dev.signet.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signet.application.port.in.SecurityConfig;
import dev.signet.bootstrap.support.Keks;
import dev.signet.bootstrap.support.tsa.BouncyCastleTsa;
import dev.signet.domain.key.KeyEncryptionKey;
import dev.signet.domain.key.SigningKey;
import dev.signet.domain.organization.OrganizationId;
import dev.signet.domain.signature.PackageSignature;
import dev.signet.domain.time.TimestampFailed;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Java API's TSA option (issue 14): SecurityConfig.tsaUrl timestamps every stored-key signature. */
class TimestampJavaApiTest {
    @TempDir
    Path dir;

    @Test
    void a_configured_tsa_timestamps_every_signature_and_one_that_fails_fails_the_signing() throws Exception {
        KeyEncryptionKey kek = Keks.random();
        try (BouncyCastleTsa tsa = new BouncyCastleTsa(dir.resolve("tsa"), "Api");
                Signet signet = Signet.builder().embedded(dir.resolve("home"))
                        .securityConfig(SecurityConfig.builder().keyEncryptionKey(kek).tsaUrl(tsa.url()).build())
                        .build()) {
            OrganizationId org = signet.keyManager().createOrganization("acme").id();
            SigningKey key = signet.keyManager().createSigningKey(org, "release");
            Path pkg = Files.writeString(dir.resolve("plugin.so"), "a plugin");

            PackageSignature signature = signet.packageSigner().signPackageWithDbKey(pkg, key.id(), false,
                    dir.resolve("plugin.so.sig")).signature();

            assertThat(signature.timestampToken()).isPresent();
            assertThat(Files.readString(dir.resolve("plugin.so.sig"))).contains("\"timestamp_token\": \"");

            tsa.mode(BouncyCastleTsa.Mode.REJECT);
            Path other = dir.resolve("other.so.sig");
            assertThatThrownBy(() -> signet.packageSigner().signPackageWithDbKey(pkg, key.id(), false, other))
                    .isInstanceOf(TimestampFailed.class).hasMessageContaining("status 2");
            assertThat(other).doesNotExist();
        }
    }
}
