package dev.signet.architecture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class SignetArchitectureTest {

    static HexagonalArchitecture signetRules(String base) {
        return HexagonalArchitecture.basePackage(base)
                .withAdapter("adapters.persistence")
                .withAdapter("adapters.crypto.soft")
                .withAdapter("adapters.crypto.pkcs11")
                .withAdapter("adapters.audit")
                .withAdapter("adapters.oidc")
                .withLibraryOnlyIn("com.nimbusds", "adapters.oidc")
                .withDrivingAdapter("adapters.http")
                .withPkcs11BoundaryIn("adapters.crypto.pkcs11.Cryptoki")
                .withBcpkixOnlyIn("adapters.crypto.soft")
                .withHsmSigningOnlyThrough("application.port.out.HsmKeyCustodian", "application.service.VerifiedHsmSigner");
    }

    @Test
    void signet_follows_its_architecture() {
        JavaClasses signet = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.signet");
        assertThat(signet.stream().map(c -> c.getPackageName()))
                .as("every module's classes are imported, or the rules would pass vacuously")
                .contains("dev.signet.domain.key", "dev.signet.application.service", "dev.signet.adapters.audit",
                        "dev.signet.adapters.crypto.soft", "dev.signet.adapters.crypto.pkcs11",
                        "dev.signet.adapters.persistence.sigfile", "dev.signet.adapters.oidc", "dev.signet.adapters.http",
                        "dev.signet.bootstrap.cli");
        signetRules("dev.signet").check(signet);
    }

    @Test
    void every_rule_fails_on_a_deliberate_violation() {
        JavaClasses violations = new ClassFileImporter().importPackages("dev.signet.archfixture.violations");
        assertThatThrownBy(() -> signetRules("dev.signet.archfixture.violations").check(violations))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("the domain depends on nothing but itself and java.*")
                .hasMessageContaining("LeakyDomain")
                .hasMessageContaining("the application depends on nothing but itself, the domain and java.*")
                .hasMessageContaining("ServiceCallingAnAdapter")
                .hasMessageContaining("adapters.audit does not depend on dev.signet.archfixture.violations.adapters.persistence")
                .hasMessageContaining("only the composition root (bootstrap) depends on adapters")
                .hasMessageContaining("packages are free of cycles")
                .hasMessageContaining("uses sun.security.pkcs11")
                .hasMessageContaining("RogueWrapperUser")
                .hasMessageContaining("signs with an HSM key")
                .hasMessageContaining("UncheckedHsmSigning")
                .hasMessageContaining("only dev.signet.archfixture.violations.adapters.oidc uses com.nimbusds")
                .hasMessageContaining("JwtParsingAudit")
                .hasMessageContaining("adapters.oidc does not depend on dev.signet.archfixture.violations.adapters.audit")
                .hasMessageContaining("IdentityAdapterThatWritesAudit")
                .hasMessageContaining("adapters.http uses the application only through its in-ports")
                .hasMessageContaining("HandlerThatReadsARepository")
                .hasMessageContaining("adapters.http does not depend on dev.signet.archfixture.violations.adapters.persistence")
                .hasMessageContaining("adapters.persistence does not depend on dev.signet.archfixture.violations.adapters.http")
                .hasMessageContaining("uses bcpkix (TSP, CMS, X.509)")
                .hasMessageContaining("TimestampsInTheDatabaseAdapter");
    }
}
