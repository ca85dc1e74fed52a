package dev.signet.architecture;

import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.name;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.util.ArrayList;
import java.util.List;

/**
 * Signet's architecture as one readable rule set: the domain depends on nothing, the application on
 * the domain, adapters on the application and never on each other, only the composition root on
 * adapters, no package cycles, the JDK's PKCS#11 wrapper in exactly one class, and HSM signatures made
 * only through the class that checks them. Parameterised by
 * base package so that a test can prove each rule fails on a deliberate violation.
 */
public final class HexagonalArchitecture {
    private final String base;
    private final List<String> adapters = new ArrayList<>();
    private final List<String> drivingAdapters = new ArrayList<>();
    private String pkcs11Boundary;
    private String hsmCustodian;
    private String hsmSigner;
    private final List<String[]> confinedLibraries = new ArrayList<>();
    private String pkixAdapter;

    private HexagonalArchitecture(String base) {
        this.base = base;
    }

    public static HexagonalArchitecture basePackage(String base) {
        return new HexagonalArchitecture(base);
    }

    /** An adapter module's package, relative to the base, e.g. {@code adapters.crypto.soft}. */
    public HexagonalArchitecture withAdapter(String relativePackage) {
        adapters.add(base + "." + relativePackage);
        return this;
    }

    /**
     * A driving adapter (e.g. the HTTP service): an adapter like the others, which moreover uses the application
     * only through its in-ports (never a service class or an out-port, so it cannot reach a repository).
     */
    public HexagonalArchitecture withDrivingAdapter(String relativePackage) {
        withAdapter(relativePackage);
        drivingAdapters.add(base + "." + relativePackage);
        return this;
    }

    /** The one class allowed to touch sun.security.pkcs11, relative to the base. */
    public HexagonalArchitecture withPkcs11BoundaryIn(String relativeClassName) {
        pkcs11Boundary = base + "." + relativeClassName;
        return this;
    }

    /**
     * A library that only one adapter may use (e.g. the JOSE/JWT library, only in the identity adapter): the
     * library's package (absolute) and the adapter's package, relative to the base.
     */
    public HexagonalArchitecture withLibraryOnlyIn(String libraryPackage, String relativeAdapter) {
        confinedLibraries.add(new String[] {libraryPackage, base + "." + relativeAdapter});
        return this;
    }

    /**
     * The one class allowed to call the HSM custodian's sign, which checks each signature against the key's
     * recorded public key (a replaced token key must never sign unnoticed); both relative to the base.
     */
    public HexagonalArchitecture withHsmSigningOnlyThrough(String relativeCustodian, String relativeSigner) {
        hsmCustodian = base + "." + relativeCustodian;
        hsmSigner = base + "." + relativeSigner;
        return this;
    }

    /**
     * The one adapter allowed to use Bouncy Castle's PKIX, CMS and TSP classes (bcpkix: RFC 3161 timestamps,
     * X.509 certificates), relative to the base; the domain and the application never see them.
     */
    public HexagonalArchitecture withBcpkixOnlyIn(String relativeAdapter) {
        pkixAdapter = base + "." + relativeAdapter;
        return this;
    }

    public List<ArchRule> rules() {
        String domain = base + ".domain..";
        String application = base + ".application..";
        String bootstrap = base + ".bootstrap..";
        List<ArchRule> rules = new ArrayList<>();
        rules.add(classes().that().resideInAPackage(domain)
                .should().onlyDependOnClassesThat().resideInAnyPackage(domain, "java..")
                .as("the domain depends on nothing but itself and java.*"));
        rules.add(classes().that().resideInAPackage(application)
                .should().onlyDependOnClassesThat().resideInAnyPackage(application, domain, "java..")
                .as("the application depends on nothing but itself, the domain and java.*"));
        rules.add(noClasses().that().resideInAPackage(base + ".application.port.in..")
                .should().dependOnClassesThat().resideInAPackage(base + ".application.port.out..")
                .as("in-ports do not depend on out-ports"));
        rules.add(noClasses().that().resideInAPackage(base + ".application.port.out..")
                .should().dependOnClassesThat().resideInAPackage(base + ".application.port.in..")
                .as("out-ports do not depend on in-ports"));
        for (String adapter : adapters) {
            for (String other : adapters) {
                if (!adapter.equals(other)) {
                    rules.add(noClasses().that().resideInAPackage(adapter + "..")
                            .should().dependOnClassesThat().resideInAPackage(other + "..")
                            .as(adapter + " does not depend on " + other));
                }
            }
        }
        for (String driving : drivingAdapters) {
            rules.add(noClasses().that().resideInAPackage(driving + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(base + ".application.service..",
                            base + ".application.port.out..")
                    .as(driving + " uses the application only through its in-ports"));
        }
        rules.add(noClasses().that().resideOutsideOfPackages(bootstrap, base + ".adapters..")
                .and().resideInAPackage(base + "..")
                .should().dependOnClassesThat().resideInAPackage(base + ".adapters..")
                .as("only the composition root (bootstrap) depends on adapters"));
        rules.add(slices().matching(base + ".(**)").should().beFreeOfCycles()
                .as("packages are free of cycles"));
        if (pkcs11Boundary != null) {
            rules.add(noClasses().that().doNotHaveFullyQualifiedName(pkcs11Boundary)
                    .should().dependOnClassesThat().resideInAPackage("sun.security.pkcs11..")
                    .as("only " + pkcs11Boundary + " uses sun.security.pkcs11"));
        }
        for (String[] confined : confinedLibraries) {
            rules.add(noClasses().that().resideOutsideOfPackage(confined[1] + "..")
                    .should().dependOnClassesThat().resideInAPackage(confined[0] + "..")
                    .as("only " + confined[1] + " uses " + confined[0]));
        }
        if (pkixAdapter != null) {
            rules.add(noClasses().that().resideInAPackage(base + "..").and().resideOutsideOfPackage(pkixAdapter + "..")
                    .should().dependOnClassesThat().resideInAnyPackage("org.bouncycastle.tsp..", "org.bouncycastle.cms..",
                            "org.bouncycastle.cert..", "org.bouncycastle.operator..", "org.bouncycastle.pkix..",
                            "org.bouncycastle.openssl..", "org.bouncycastle.pkcs..", "org.bouncycastle.mime..")
                    .as("only " + pkixAdapter + " uses bcpkix (TSP, CMS, X.509)"));
        }
        if (hsmCustodian != null) {
            rules.add(noClasses().that().doNotHaveFullyQualifiedName(hsmSigner)
                    .should().callMethodWhere(target(name("sign")).and(target(owner(assignableTo(hsmCustodian)))))
                    .as("only " + hsmSigner + " signs with an HSM key"));
        }
        return rules;
    }

    /** Checks every rule and reports every violation at once. */
    public void check(JavaClasses classes) {
        List<String> failures = new ArrayList<>();
        for (ArchRule rule : rules()) {
            EvaluationResult result = rule.allowEmptyShould(true).evaluate(classes);
            if (result.hasViolation()) {
                failures.add(result.getFailureReport().toString());
            }
        }
        if (!failures.isEmpty()) {
            throw new AssertionError(String.join(System.lineSeparator(), failures));
        }
    }
}
